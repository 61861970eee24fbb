import { Stack, Table, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { listTenantEntities } from "../../api/admin";
import type { Entity } from "../../api/entities";
import { describeError } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { CellValue } from "../../app/records/CellValue";
import { recordTitle } from "../../app/records/layout";
import { LinkCell, WhenCell } from "../cells";
import { DetailHeading } from "../DetailHeading";
import { PagedTable } from "../PagedTable";
import { adminPaths } from "../paths";
import { adminKeys, useAdminBlueprint, useAdminPages, useAdminTenant, useAdminVersion } from "../queries";
import { SearchField } from "../SearchField";
import { useParam } from "../../app/useParam";

const SHOWN_COLUMNS = 4;

/** `/admin/tenants/:slug/b/:key`: a blueprint's records in a workspace; search, then open one to edit it. */
export function RecordsPage() {
  const { t } = useTranslation();
  const { slug = "", key = "" } = useParams();
  const [q] = useParam("q");
  const tenant = useAdminTenant(slug);
  const blueprint = useAdminBlueprint(slug, key);
  const version = useAdminVersion(slug, key, blueprint.data?.published_version?.number);
  const query = useAdminPages(adminKeys.list("entities", slug, key, q), (cursor, signal) =>
    listTenantEntities(slug, { blueprint: key, q }, cursor, signal),
  );
  useDocumentTitle(`${blueprint.data?.name ?? key} · ${tenant.data?.name ?? slug} · Loom`);
  const error = tenant.error ?? blueprint.error ?? version.error;
  if (error) return <ProblemAlert message={describeError(error, t)} />;
  if (!tenant.data || !blueprint.data || (blueprint.data.published_version && !version.data)) return <PageLoader />;
  const columns = version.data?.columns ?? [];
  const shown = columns.slice(0, SHOWN_COLUMNS);
  const zone = tenant.data.timezone;

  return (
    <Stack gap="lg">
      <DetailHeading back={{ to: adminPaths.tenant(slug), label: tenant.data.name }} title={blueprint.data.name}>
        <Text size="sm" c="dimmed">
          {t("admin.records.intro", { workspace: tenant.data.name })}
        </Text>
      </DetailHeading>
      <SearchField label={t("admin.records.search")} />
      <PagedTable<Entity>
        query={query}
        label={blueprint.data.name}
        empty={t("admin.records.empty")}
        filtered={Boolean(q)}
        head={[t("admin.records.record"), ...shown.map((column) => column.label), t("admin.records.updated")]}
        row={(entity) => (
          <Table.Tr key={entity.id}>
            <LinkCell to={adminPaths.record(slug, entity.id)}>{recordTitle(columns, entity.data) ?? t("recordForm.untitled")}</LinkCell>
            {shown.map((column) => (
              <Table.Td key={column.key}>
                <CellValue type={column.type} value={entity.data[column.key]} options={column.options} timeZone={zone} />
              </Table.Td>
            ))}
            <WhenCell at={entity.updated_at} />
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
