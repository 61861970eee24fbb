import { Button, Group, Stack, Table, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { AUDIT_CATEGORIES, type AuditCategory, type AuditFilters } from "../../api/audit";
import type { Tenant } from "../../api/types";
import { DataTable } from "../../app/components/DataTable";
import { DataTablePaged } from "../../app/components/DataTablePaged";
import { DateInput, isDateValue } from "../../app/components/DateInput";
import { EmptyState } from "../../app/components/EmptyState";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { currentLanguage } from "../../i18n";
import { zonedInputToIso } from "../../app/timezone";
import { useSetParam } from "../../app/useParam";
import { formatDateTime } from "../../app/format";
import { useMembers } from "../../api/queries/members";
import { useSettingsTenant } from "../../app/shell/SettingsLayout";
import { describeEvent } from "./describe";
import { useAuditLog } from "./queries";

const DATE = /^\d{4}-\d\d-\d\d$/;

/** The day after ``date`` (YYYY-MM-DD), so "To" includes the whole day. */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Filters live in the address, so a filtered log can be shared or reloaded. */
function useFilters(tenant: Tenant) {
  const [params, setParams] = useSearchParams();
  const category = params.get("category");
  const actor = params.get("actor");
  const since = params.get("since") ?? "";
  const until = params.get("until") ?? "";
  const filters = useMemo<AuditFilters>(
    () => ({
      category: (AUDIT_CATEGORIES as readonly string[]).includes(category ?? "") ? (category as AuditCategory) : null,
      actor: actor && /^\d+$/.test(actor) ? Number(actor) : null,
      since: DATE.test(since) ? zonedInputToIso(`${since}T00:00`, tenant.timezone) : null,
      until: DATE.test(until) ? zonedInputToIso(`${nextDay(until)}T00:00`, tenant.timezone) : null,
    }),
    [category, actor, since, until, tenant.timezone],
  );
  const set = useSetParam();
  const active = Boolean(category || actor || since || until);
  return { filters, raw: { category, actor, since, until }, set, active, clear: () => setParams({}, { replace: true }) };
}

function Filters({ tenant, state }: { tenant: Tenant; state: ReturnType<typeof useFilters> }) {
  const { t } = useTranslation();
  const members = useMembers(tenant.slug).data?.items ?? [];
  const categories = [
    { value: "", label: t("team.activity.allCategories") },
    ...AUDIT_CATEGORIES.map((c) => ({ value: c, label: t(`team.activity.categories.${c}`) })),
  ];
  const people = [
    { value: "", label: t("team.activity.everyone") },
    ...members.map((m) => ({ value: String(m.user_id), label: m.email })),
  ];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <LabelledSelect
        label={t("team.activity.category")}
        data={categories}
        value={state.raw.category ?? ""}
        allowDeselect={false}
        onChange={(value) => state.set("category", value || null)}
        w={180}
      />
      <LabelledSelect
        label={t("team.activity.person")}
        data={people}
        value={state.raw.actor ?? ""}
        allowDeselect={false}
        searchable
        onChange={(value) => state.set("actor", value || null)}
        w={240}
      />
      <DateInput
        label={t("team.activity.since")}
        value={state.raw.since ?? ""}
        onChange={(next) => (next === "" || isDateValue(next)) && state.set("since", next || null)}
      />
      <DateInput
        label={t("team.activity.until")}
        value={state.raw.until ?? ""}
        onChange={(next) => (next === "" || isDateValue(next)) && state.set("until", next || null)}
      />
      {state.active && (
        <Button variant="subtle" onClick={state.clear}>
          {t("team.activity.clearFilters")}
        </Button>
      )}
    </Group>
  );
}

/** `/t/:slug/settings/activity`: the audit log, newest first (owners and admins). */
export function ActivityPage() {
  const { t } = useTranslation();
  const tenant = useSettingsTenant();
  const state = useFilters(tenant);
  const query = useAuditLog(tenant.slug, state.filters);
  useDocumentTitle(`${t("team.activity.title")} · ${tenant.name} · Loom`);
  const clear = (
    <Button variant="default" onClick={state.clear}>
      {t("team.activity.clearFilters")}
    </Button>
  );

  return (
    <Stack gap="lg">
      <Text c="dimmed">{t("team.activity.intro")}</Text>
      <Filters tenant={tenant} state={state} />
      <DataTablePaged
        query={query}
        more={t("team.activity.loadMore")}
        empty={<EmptyState title={state.active ? t("team.activity.emptyFiltered") : t("team.activity.empty")} action={state.active && clear} />}
      >
        {(events) => (
          <DataTable framing={560} verticalSpacing="sm" headers={[{ label: t("team.activity.when"), width: 200 }, t("team.activity.what")]}>
            {events.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(event.at, tenant.timezone, currentLanguage())}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeEvent(event, t)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </DataTablePaged>
    </Stack>
  );
}
