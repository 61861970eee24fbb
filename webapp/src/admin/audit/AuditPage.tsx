import { Group, Stack, Table, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { listAdminAudit, type AdminAuditFilters } from "../../api/admin";
import { SYSTEM_AUDIT_CATEGORIES, type AuditCategory, type AuditEvent } from "../../api/audit";
import { DateInput, isDateValue } from "../../app/components/DateInput";
import { Heading } from "../../app/components/Heading";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { describeEvent } from "../../features/audit/describe";
import { zonedInputToIso } from "../../app/timezone";
import { WorkspaceCell } from "../cells";
import { ClearFilters } from "../ClearFilters";
import { browserZone, when } from "../format";
import { PagedTable } from "../PagedTable";
import { adminKeys, useAdminPages } from "../queries";
import { SearchField } from "../SearchField";
import { useParam } from "../../app/useParam";

const DATE = /^\d{4}-\d\d-\d\d$/;

/** The instant a day starts in the admin's time zone; ``plus`` days later for "To" (the whole day). */
function dayStart(date: string, plus = 0): string | null {
  if (!DATE.test(date)) return null;
  const [y, m, d] = date.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d + plus)).toISOString().slice(0, 10);
  return zonedInputToIso(`${day}T00:00`, browserZone());
}

/** `/admin/audit`: everything recorded across Loom, filtered by kind, workspace, object and dates. */
export function AuditPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [category, setCategory] = useParam("category");
  const [tenant] = useParam("tenant");
  const [since, setSince] = useParam("since");
  const [until, setUntil] = useParam("until");
  const targetType = params.get("target_type");
  const targetId = params.get("target_id");
  const filters = useMemo<AdminAuditFilters>(
    () => ({
      category: (SYSTEM_AUDIT_CATEGORIES as readonly string[]).includes(category) ? (category as AuditCategory) : null,
      tenant: tenant || null,
      target_type: targetType,
      target_id: targetType ? targetId : null,
      since: dayStart(since),
      until: dayStart(until, 1),
    }),
    [category, tenant, targetType, targetId, since, until],
  );
  const query = useAdminPages(adminKeys.list("audit", filters), (cursor, signal) => listAdminAudit(filters, cursor, signal));
  const active = [...params.keys()].length > 0;
  useDocumentTitle(`${t("admin.audit.title")} · Loom`);

  return (
    <Stack gap="lg">
      <Heading title={t("admin.audit.title")} intro={t("admin.audit.intro")} size="h1" />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <LabelledSelect
          label={t("team.activity.category")}
          data={[
            { value: "", label: t("team.activity.allCategories") },
            ...SYSTEM_AUDIT_CATEGORIES.map((c) => ({ value: c, label: t(`team.activity.categories.${c}`) })),
          ]}
          value={category}
          allowDeselect={false}
          onChange={(value) => setCategory(value || null)}
          w={180}
        />
        <SearchField label={t("admin.audit.workspace")} placeholder="acme" param="tenant" width={180} />
        <DateInput label={t("team.activity.since")} value={since ?? ""} onChange={(next) => (next === "" || isDateValue(next)) && setSince(next || null)} />
        <DateInput label={t("team.activity.until")} value={until ?? ""} onChange={(next) => (next === "" || isDateValue(next)) && setUntil(next || null)} />
        <ClearFilters />
      </Group>
      {targetType && (
        <Text size="sm">
          {t("admin.audit.onlyTarget", { type: t(`admin.audit.targets.${targetType}`, { defaultValue: targetType }) })}
        </Text>
      )}
      <PagedTable<AuditEvent>
        query={query}
        label={t("admin.audit.title")}
        empty={active ? t("team.activity.emptyFiltered") : t("team.activity.empty")}
        head={[t("team.activity.when"), t("admin.audit.workspace"), t("team.activity.what")]}
        row={(event) => (
          <Table.Tr key={event.id}>
            <Table.Td w={200}>
              <Text size="sm" c="dimmed">
                {when(event.at)}
              </Text>
            </Table.Td>
            <WorkspaceCell slug={event.tenant} none={t("admin.audit.loomWide")} />
            <Table.Td>
              <Text size="sm">{describeEvent(event, t)}</Text>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
