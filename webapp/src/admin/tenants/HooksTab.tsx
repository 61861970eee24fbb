import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { listAdminHookDeliveries, listAdminHookEndpoints } from "../../api/adminHooks";
import { DeliveriesTable } from "../hooks/DeliveriesTable";
import { DeliveryFilters, useDeliveryFilters } from "../hooks/DeliveryFilters";
import { EndpointsTable } from "../hooks/EndpointsTable";
import { EnabledFilter, enabledFilter } from "../hooks/EnabledFilter";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";
import { useParam } from "../useParam";

/** A workspace's hooks and what was sent to them; for looking only (its owners change hooks in their settings). */
export function HooksTab({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [enabledParam] = useParam("enabled");
  const enabled = enabledFilter(enabledParam);
  const { status, event_type } = useDeliveryFilters();
  const endpoints = useAdminPages(adminKeys.list("hookEndpoints", slug, enabled), (cursor, signal) =>
    listAdminHookEndpoints({ tenant: slug, enabled }, cursor, signal),
  );
  const deliveries = useAdminPages(adminKeys.list("hookDeliveries", { tenant: slug, status, event_type }), (cursor, signal) =>
    listAdminHookDeliveries({ tenant: slug, status, event_type }, cursor, signal),
  );
  return (
    <Stack gap="xl">
      <Text size="sm" c="dimmed" maw={720}>
        {t("admin.hooks.readOnly")}
      </Text>
      <Stack gap="md" component="section" aria-labelledby="hooks-endpoints">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id="hooks-endpoints">
            {t("admin.hooks.endpoints")}
          </Title>
          <EnabledFilter />
        </Group>
        <EndpointsTable
          query={endpoints}
          showWorkspace={false}
          empty={enabled === null ? t("admin.hooks.emptyTenant") : t("admin.emptyFiltered")}
          emptyBody={enabled === null ? t("admin.hooks.emptyTenantBody") : undefined}
        />
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="hooks-deliveries">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3" id="hooks-deliveries">
            {t("admin.hookDeliveries.title")}
          </Title>
          <Anchor component={Link} to={adminPaths.hookDeliveries({ tenant: slug })} size="sm">
            {t("admin.hooks.openDeliveries")}
          </Anchor>
        </Group>
        <Group gap="md" align="flex-end">
          <DeliveryFilters />
        </Group>
        <DeliveriesTable query={deliveries} showWorkspace={false} filtered={Boolean(status || event_type)} />
      </Stack>
    </Stack>
  );
}
