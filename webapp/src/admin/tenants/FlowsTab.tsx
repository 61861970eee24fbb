import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { listTenantFlows } from "../../api/admin";
import type { FlowSummary } from "../../api/flows";
import { LinkCell, PublishedCell } from "../cells";
import { PagedTable } from "../PagedTable";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";

/** The workspace's flows, with how many records are on their way through each. */
export function FlowsTab({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const query = useAdminPages(adminKeys.list("flows", slug), (cursor, signal) => listTenantFlows(slug, cursor, signal));
  return (
    <PagedTable<FlowSummary>
      query={query}
      label={t("admin.tenant.tabs.flows")}
      empty={t("admin.tenant.noFlows")}
      head={[t("admin.tenant.flow"), t("admin.tenant.blueprint"), t("admin.tenant.published"), t("admin.tenant.running")]}
      row={(flow) => (
        <Table.Tr key={flow.key}>
          <LinkCell to={`${adminPaths.tenant(slug, "instances")}&flow=${encodeURIComponent(flow.key)}`}>{flow.name}</LinkCell>
          <Table.Td>{flow.blueprint.name}</Table.Td>
          <PublishedCell version={flow.published_version} />
          <Table.Td>{flow.running_count}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
