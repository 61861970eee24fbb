import { Anchor, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { listAdminHookDeliveries, listAdminHookEndpoints } from "../../api/adminHooks";
import { DeliveriesTable } from "../hooks/DeliveriesTable";
import { DeliveryFilters, useDeliveryFilters } from "../hooks/DeliveryFilters";
import { EndpointsTable } from "../hooks/EndpointsTable";
import { EnabledFilter, enabledFilter } from "../hooks/EnabledFilter";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";
import { Section } from "../Section";
import { useParam } from "../../app/useParam";

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
      <Section id="hooks-endpoints" title={t("admin.hooks.endpoints")} aside={<EnabledFilter />}>
        <EndpointsTable
          query={endpoints}
          showWorkspace={false}
          empty={t("admin.hooks.emptyTenant")}
          emptyBody={t("admin.hooks.emptyTenantBody")}
          filtered={enabled !== null}
        />
      </Section>
      <Section
        id="hooks-deliveries"
        title={t("admin.hookDeliveries.title")}
        aside={
          <Anchor component={Link} to={adminPaths.hookDeliveries({ tenant: slug })} size="sm">
            {t("admin.hooks.openDeliveries")}
          </Anchor>
        }
      >
        <Group gap="md" align="flex-end">
          <DeliveryFilters />
        </Group>
        <DeliveriesTable query={deliveries} showWorkspace={false} filtered={Boolean(status || event_type)} />
      </Section>
    </Stack>
  );
}
