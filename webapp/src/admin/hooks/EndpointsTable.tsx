import { Anchor, Stack, Table, Text } from "@mantine/core";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { AdminHookEndpoint } from "../../api/adminHooks";
import type { Page } from "../../api/types";
import { eventLabel } from "../../features/integrations/events";
import { HealthBadge, HealthDetails } from "../../features/integrations/HookHealth";
import { browserZone } from "../format";
import { PagedTable } from "../PagedTable";
import { adminPaths } from "../paths";

const SHOWN_EVENTS = 3;

/** The address of one endpoint's deliveries (its workspace goes along, so the hook can be named there). */
export const deliveriesOf = (endpoint: AdminHookEndpoint) => adminPaths.hookDeliveries({ tenant: endpoint.tenant, endpoint: endpoint.id });

function Events({ types }: { types: string[] }) {
  const { t } = useTranslation();
  const rest = types.length - SHOWN_EVENTS;
  return (
    <Stack gap={2}>
      <Text size="sm">{t("integrations.hooks.events", { count: types.length })}</Text>
      <Text size="xs" c="dimmed">
        {types
          .slice(0, SHOWN_EVENTS)
          .map((type) => eventLabel(t, type))
          .join(" · ")}
        {rest > 0 && ` ${t("admin.hooks.moreEvents", { count: rest })}`}
      </Text>
    </Stack>
  );
}

interface EndpointsTableProps {
  query: UseInfiniteQueryResult<InfiniteData<Page<AdminHookEndpoint>>>;
  /** Loom-wide lists name the workspace; a workspace's own tab does not. */
  showWorkspace: boolean;
  empty: string;
  emptyBody?: string;
  /** Filters are set: an empty list says that nothing matches them. */
  filtered?: boolean;
}

/** Hook endpoints with their health; the address (or "Deliveries") opens what was sent to it. */
export function EndpointsTable({ query, showWorkspace, empty, emptyBody, filtered }: EndpointsTableProps) {
  const { t } = useTranslation();
  const zone = browserZone();
  const head = [t("admin.hooks.url"), t("admin.hooks.events"), t("admin.hooks.state"), t("admin.hooks.deliveries")];
  return (
    <PagedTable<AdminHookEndpoint>
      query={query}
      label={t("admin.hooks.table")}
      empty={empty}
      emptyBody={emptyBody}
      filtered={filtered}
      minWidth={showWorkspace ? 900 : 760}
      head={showWorkspace ? [t("admin.hooks.workspace"), ...head] : head}
      row={(endpoint) => (
        <Table.Tr key={endpoint.id}>
          {showWorkspace && (
            <Table.Td>
              <Anchor component={Link} to={adminPaths.tenant(endpoint.tenant, "hooks")} size="sm" style={{ whiteSpace: "nowrap" }}>
                {endpoint.tenant}
              </Anchor>
            </Table.Td>
          )}
          <Table.Td maw={320}>
            <Stack gap={2}>
              <Anchor component={Link} to={deliveriesOf(endpoint)} size="sm" style={{ overflowWrap: "anywhere" }}>
                {endpoint.url}
              </Anchor>
              {endpoint.description && (
                <Text size="xs" c="dimmed">
                  {endpoint.description}
                </Text>
              )}
              {endpoint.source === "subscription" && (
                <Text size="xs" c="dimmed">
                  {t("admin.hooks.subscription")}
                </Text>
              )}
            </Stack>
          </Table.Td>
          <Table.Td>
            <Events types={endpoint.event_types} />
          </Table.Td>
          <Table.Td>
            <Stack gap={4} align="flex-start">
              <HealthBadge hook={endpoint} />
              <HealthDetails hook={endpoint} timeZone={zone} />
            </Stack>
          </Table.Td>
          <Table.Td>
            <Anchor component={Link} to={deliveriesOf(endpoint)} size="sm" aria-label={t("admin.hooks.deliveriesOf", { url: endpoint.url })}>
              {t("admin.hooks.deliveries")}
            </Anchor>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
