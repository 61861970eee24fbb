import { Anchor, Group, Stack } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { listAdminHookEndpoints } from "../../api/adminHooks";
import { Heading } from "../../app/components/Heading";
import { ClearFilters } from "../ClearFilters";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";
import { SearchField } from "../SearchField";
import { useParam } from "../../app/useParam";
import { EnabledFilter, enabledFilter } from "./EnabledFilter";
import { EndpointsTable } from "./EndpointsTable";

/** `/admin/hooks`: every workspace's hook endpoints with their health; read-only (owners change hooks in their settings). */
export function HooksPage() {
  const { t } = useTranslation();
  const [tenant] = useParam("tenant");
  const [enabledParam] = useParam("enabled");
  const enabled = enabledFilter(enabledParam);
  const query = useAdminPages(adminKeys.list("hookEndpoints", tenant, enabled), (cursor, signal) =>
    listAdminHookEndpoints({ tenant: tenant || null, enabled }, cursor, signal),
  );
  const filtered = Boolean(tenant) || enabled !== null;
  useDocumentTitle(`${t("admin.hooks.title")} · Loom`);
  return (
    <Stack gap="lg">
      <Heading title={t("admin.hooks.title")} intro={t("admin.hooks.intro")} size="h1" introWidth={720} />
      <Group gap="md" align="flex-end" wrap="wrap">
        <SearchField label={t("admin.hooks.workspace")} placeholder="acme" param="tenant" width={200} />
        <EnabledFilter />
        <ClearFilters />
        <Anchor component={Link} to={adminPaths.hookDeliveries({ ...(tenant ? { tenant } : {}), status: "failed" })} size="sm" ml="auto">
          {tenant ? t("admin.hooks.failedIn", { slug: tenant }) : t("admin.hooks.failedEverywhere")}
        </Anchor>
      </Group>
      <EndpointsTable
        query={query}
        showWorkspace
        empty={t("admin.hooks.empty")}
        filtered={filtered}
        emptyBody={t("admin.hooks.emptyBody")}
      />
    </Stack>
  );
}
