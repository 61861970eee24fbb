import { Anchor, Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { findAdminHookEndpoint, listAdminHookDeliveries, type AdminHookEndpoint } from "../../api/adminHooks";
import { HealthBadge, HealthDetails } from "../../features/integrations/HookHealth";
import { browserZone } from "../format";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";
import { SearchField } from "../SearchField";
import { useParam } from "../useParam";
import { DeliveriesTable } from "./DeliveriesTable";
import { DeliveryFilters, useDeliveryFilters } from "./DeliveryFilters";

/** The hook whose deliveries are shown: its address, workspace and health (undefined while it is looked up, null when it is gone). */
function HookSummary({ hook, tenant, onClear }: { hook: AdminHookEndpoint | null | undefined; tenant: string; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          {hook === undefined ? (
            <Skeleton height={20} width={280} />
          ) : (
            <Text fw={600} style={{ overflowWrap: "anywhere" }}>
              {hook ? hook.url : t("admin.hookDeliveries.oneHook")}
            </Text>
          )}
          {tenant && (
            <Text size="sm">
              {t("admin.hooks.workspace")}:{" "}
              <Anchor component={Link} to={adminPaths.tenant(tenant, "hooks")} size="sm">
                {tenant}
              </Anchor>
            </Text>
          )}
          {hook && (
            <Group gap="sm" align="flex-start">
              <HealthBadge hook={hook} />
              <HealthDetails hook={hook} timeZone={browserZone()} />
            </Group>
          )}
        </Stack>
        <Button variant="subtle" size="xs" onClick={onClear}>
          {t("admin.hookDeliveries.everyHook")}
        </Button>
      </Group>
    </Paper>
  );
}

/** `/admin/hooks/deliveries`: what Loom sent to hooks, Loom-wide or for one workspace or hook, by status and event. */
export function DeliveriesPage() {
  const { t } = useTranslation();
  const [tenant] = useParam("tenant");
  const [endpoint, setEndpoint] = useParam("endpoint");
  const { status, event_type } = useDeliveryFilters();
  const filters = { tenant: tenant || null, endpoint_id: endpoint || null, status, event_type };
  const query = useAdminPages(adminKeys.list("hookDeliveries", filters), (cursor, signal) => listAdminHookDeliveries(filters, cursor, signal));
  const hook = useQuery({
    queryKey: adminKeys.list("hookEndpoint", tenant, endpoint),
    queryFn: ({ signal }) => findAdminHookEndpoint(tenant, endpoint, signal),
    enabled: Boolean(tenant && endpoint),
  });
  useDocumentTitle(`${t("admin.hookDeliveries.title")} · Loom`);
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Anchor component={Link} to={adminPaths.hooks(tenant ? { tenant } : {})} size="sm">
          ← {t("admin.hooks.title")}
        </Anchor>
        <Title order={1}>{t("admin.hookDeliveries.title")}</Title>
        <Text c="dimmed" maw={720}>
          {t("admin.hookDeliveries.intro")}
        </Text>
      </Stack>
      {endpoint && <HookSummary hook={hook.isLoading ? undefined : (hook.data ?? null)} tenant={tenant} onClear={() => setEndpoint(null)} />}
      <Group gap="md" align="flex-end" wrap="wrap">
        {!endpoint && <SearchField label={t("admin.hooks.workspace")} placeholder="acme" param="tenant" width={200} />}
        <DeliveryFilters events={hook.data?.event_types} />
      </Group>
      <DeliveriesTable query={query} showWorkspace={!tenant} filtered={Boolean(status || event_type || (tenant && !endpoint))} />
    </Stack>
  );
}
