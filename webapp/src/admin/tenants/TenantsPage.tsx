import { Stack, Table, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { listTenants, type AdminTenant } from "../../api/admin";
import { WhenCell, WorkspaceLink } from "../cells";
import { PagedTable } from "../PagedTable";
import { adminKeys, useAdminPages } from "../queries";
import { SearchField } from "../SearchField";
import { useParam } from "../../app/useParam";

/** `/admin/tenants`: every workspace by address; search by part of the name or address. */
export function TenantsPage() {
  const { t } = useTranslation();
  const [q] = useParam("q");
  const query = useAdminPages(adminKeys.list("tenants", q), (cursor, signal) => listTenants(q, cursor, signal));
  useDocumentTitle(`${t("admin.tenants.title")} · Loom`);
  return (
    <Stack gap="lg">
      <Title order={1}>{t("admin.tenants.title")}</Title>
      <SearchField label={t("admin.tenants.search")} />
      <PagedTable<AdminTenant>
        query={query}
        label={t("admin.tenants.title")}
        empty={t("admin.tenants.empty")}
        filtered={Boolean(q)}
        head={[t("admin.tenants.name"), t("admin.tenants.slug"), t("admin.tenants.members"), t("admin.users.created")]}
        row={(tenant) => (
          <Table.Tr key={tenant.slug}>
            <Table.Td>
              <WorkspaceLink slug={tenant.slug}>{tenant.name}</WorkspaceLink>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {tenant.slug}
              </Text>
            </Table.Td>
            <Table.Td>{tenant.members}</Table.Td>
            <WhenCell at={tenant.created_at} />
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
