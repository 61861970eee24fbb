import { Group, Stack, Table, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { listUsers, type AdminUser } from "../../api/admin";
import { LinkCell, WhenCell } from "../cells";
import { ChoiceFilter } from "../ChoiceFilter";
import { PagedTable } from "../PagedTable";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";
import { SearchField } from "../SearchField";
import { useParam } from "../../app/useParam";
import { UserBadges } from "./UserBadges";

/** `/admin/users`: every account, newest first; search by email, show only active or disabled ones. */
export function UsersPage() {
  const { t } = useTranslation();
  const [q] = useParam("q");
  const [state] = useParam("state");
  const active = state === "active" ? true : state === "disabled" ? false : null;
  const query = useAdminPages(adminKeys.list("users", q, active), (cursor, signal) => listUsers({ q, active }, cursor, signal));
  useDocumentTitle(`${t("admin.users.title")} · Loom`);

  return (
    <Stack gap="lg">
      <Title order={1}>{t("admin.users.title")}</Title>
      <Group align="flex-end" gap="md">
        <SearchField label={t("admin.users.search")} placeholder="name@example.com" />
        <ChoiceFilter
          param="state"
          label={t("admin.users.show")}
          choices={["all", "active", "disabled"].map((value) => ({ value, label: t(`admin.users.${value}`) }))}
        />
      </Group>
      <PagedTable<AdminUser>
        query={query}
        label={t("admin.users.title")}
        empty={t("admin.users.empty")}
        filtered={Boolean(q || state)}
        head={[t("admin.users.email"), t("admin.users.status"), t("admin.users.created"), t("admin.users.lastLogin")]}
        row={(user) => (
          <Table.Tr key={user.id}>
            <LinkCell to={adminPaths.user(user.id)} style={{ overflowWrap: "anywhere" }}>{user.email}</LinkCell>
            <Table.Td>
              <UserBadges user={user} />
            </Table.Td>
            <WhenCell at={user.created_at} />
            <WhenCell at={user.last_login_at} />
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
