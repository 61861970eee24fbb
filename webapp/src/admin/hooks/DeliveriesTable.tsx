import { Anchor, Badge, Button, Table, Text } from "@mantine/core";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { AdminHookDelivery } from "../../api/adminHooks";
import type { DeliveryStatus } from "../../api/hooks";
import type { Page } from "../../api/types";
import { eventLabel } from "../../features/integrations/events";
import { formatMoment } from "../../features/integrations/format";
import { currentLanguage } from "../../i18n";
import { browserZone } from "../format";
import { PagedTable } from "../PagedTable";
import { adminPaths } from "../paths";
import { AttemptsTable } from "./AttemptsTable";

export const DELIVERY_STATUSES: DeliveryStatus[] = ["pending", "delivering", "succeeded", "failed"];
const COLORS: Record<DeliveryStatus, string> = { pending: "yellow", delivering: "blue", succeeded: "green", failed: "red" };

interface DeliveriesTableProps {
  query: UseInfiniteQueryResult<InfiniteData<Page<AdminHookDelivery>>>;
  /** Loom-wide lists name the workspace; a workspace's own tab does not. */
  showWorkspace: boolean;
  filtered: boolean;
}

/** What Loom sent: the event, how it went, how often it was tried (each attempt on demand), when it is tried next, and the last answer. */
export function DeliveriesTable({ query, showWorkspace, filtered }: DeliveriesTableProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const zone = browserZone();
  const moment = (iso: string | null) => (iso ? formatMoment(iso, zone, currentLanguage()) : "—");
  const head = [
    t("admin.hookDeliveries.time"),
    t("admin.hookDeliveries.event"),
    t("admin.hookDeliveries.status"),
    t("admin.hookDeliveries.attempts"),
    t("admin.hookDeliveries.nextTry"),
    t("admin.hookDeliveries.result"),
  ];
  return (
    <PagedTable<AdminHookDelivery>
      query={query}
      label={t("admin.hookDeliveries.table")}
      empty={t("admin.hookDeliveries.empty")}
      filtered={filtered}
      emptyBody={t("admin.hookDeliveries.emptyBody")}
      minWidth={showWorkspace ? 1000 : 880}
      head={showWorkspace ? [head[0], t("admin.hooks.workspace"), ...head.slice(1)] : head}
      row={(delivery) => {
        const result = [delivery.last_status_code ? `HTTP ${delivery.last_status_code}` : null, delivery.last_error].filter(Boolean).join(" · ");
        const expanded = open === delivery.id;
        const date = moment(delivery.created_at);
        return (
          <Fragment key={delivery.id}>
          <Table.Tr>
            <Table.Td>
              <Text size="sm">{date}</Text>
            </Table.Td>
            {showWorkspace && (
              <Table.Td>
                <Anchor component={Link} to={adminPaths.tenant(delivery.tenant, "hooks")} size="sm">
                  {delivery.tenant}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm">{eventLabel(t, delivery.event_type)}</Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={COLORS[delivery.status] ?? "gray"} tt="none">
                {t(`integrations.deliveries.statuses.${delivery.status}`, { defaultValue: delivery.status })}
              </Badge>
            </Table.Td>
            <Table.Td>
              {delivery.attempts > 0 ? (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setOpen(expanded ? null : delivery.id)}
                  aria-expanded={expanded}
                  aria-label={t(expanded ? "admin.hookDeliveries.hideAttemptsOf" : "admin.hookDeliveries.showAttemptsOf", { n: delivery.attempts, date })}
                >
                  {delivery.attempts}
                </Button>
              ) : (
                <Text size="sm">0</Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{delivery.status === "pending" || delivery.status === "delivering" ? moment(delivery.next_attempt_at) : "—"}</Text>
            </Table.Td>
            <Table.Td maw={360}>
              <Text size="sm" c={delivery.status === "succeeded" ? undefined : "red"} style={{ overflowWrap: "anywhere" }}>
                {result || "—"}
              </Text>
            </Table.Td>
          </Table.Tr>
          {expanded && (
            <Table.Tr>
              <Table.Td colSpan={showWorkspace ? 7 : 6} bg="var(--loom-surface)">
                <AttemptsTable deliveryId={delivery.id} live={delivery.status === "pending" || delivery.status === "delivering"} />
              </Table.Td>
            </Table.Tr>
          )}
          </Fragment>
        );
      }}
    />
  );
}
