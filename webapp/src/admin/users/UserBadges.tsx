import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AdminUser } from "../../api/admin";

/** An account's state at a glance: disabled, unconfirmed, two-step sign-in, administrator. */
export function UserBadges({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  // Each badge: whether it applies, its text (`admin.users.badges.<name>`) and its colour.
  const badges: [boolean, string, string | undefined][] = [
    [user.active, "active", "green"],
    [!user.active, "disabled", "red"],
    [!user.confirmed_at, "unconfirmed", "yellow"],
    [user.two_factor, "twoFactor", undefined],
    [user.admin, "admin", "grape"],
  ];
  return (
    <Group gap={6}>
      {badges
        .filter(([applies]) => applies)
        .map(([, name, color]) => (
          <Badge key={name} variant="light" color={color}>
            {t(`admin.users.badges.${name}`)}
          </Badge>
        ))}
    </Group>
  );
}
