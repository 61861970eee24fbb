import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AdminUser } from "../../api/admin";

/** An account's state at a glance: disabled, unconfirmed, two-step sign-in, administrator. */
export function UserBadges({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      {user.active ? (
        <Badge variant="light" color="green">
          {t("admin.users.badges.active")}
        </Badge>
      ) : (
        <Badge variant="light" color="red">
          {t("admin.users.badges.disabled")}
        </Badge>
      )}
      {!user.confirmed_at && (
        <Badge variant="light" color="yellow">
          {t("admin.users.badges.unconfirmed")}
        </Badge>
      )}
      {user.two_factor && <Badge variant="light">{t("admin.users.badges.twoFactor")}</Badge>}
      {user.admin && (
        <Badge variant="light" color="grape">
          {t("admin.users.badges.admin")}
        </Badge>
      )}
    </Group>
  );
}
