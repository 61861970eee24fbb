import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { listTenantBlueprints } from "../../api/admin";
import type { BlueprintSummary } from "../../api/blueprints";
import { LinkCell, PublishedCell } from "../cells";
import { PagedTable } from "../PagedTable";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";

/** The workspace's blueprints; each opens its records. */
export function BlueprintsTab({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const query = useAdminPages(adminKeys.list("blueprints", slug), (cursor, signal) => listTenantBlueprints(slug, cursor, signal));
  return (
    <PagedTable<BlueprintSummary>
      query={query}
      label={t("admin.tenant.tabs.blueprints")}
      empty={t("admin.tenant.noBlueprints")}
      head={[t("admin.tenant.blueprint"), t("admin.tenant.records"), t("admin.tenant.published")]}
      row={(blueprint) => (
        <Table.Tr key={blueprint.key}>
          <LinkCell to={adminPaths.records(slug, blueprint.key)}>{blueprint.name}</LinkCell>
          <Table.Td>{blueprint.entity_count}</Table.Td>
          <PublishedCell version={blueprint.published_version} />
        </Table.Tr>
      )}
    />
  );
}
