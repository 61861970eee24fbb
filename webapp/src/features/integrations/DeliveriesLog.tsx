import { Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { replayMessage, type DeliveryStatus, type HookDelivery, type HookEndpoint } from "../../api/hooks";
import type { Tenant } from "../../api/types";
import { DataTable } from "../../app/components/DataTable";
import { DataTablePaged } from "../../app/components/DataTablePaged";
import { describeError } from "../../app/components/errors";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { currentLanguage } from "../../i18n";
import { formatMoment } from "./format";
import { AttemptsTable } from "./AttemptsTable";
import { eventLabel } from "./events";
import { useDeliveries, useRefreshDeliveries } from "./queries";
import { ReplaySinceDialog } from "./ReplaySinceDialog";
import { Section, SectionEmpty } from "./Section";

const STATUSES: DeliveryStatus[] = ["pending", "delivering", "succeeded", "failed"];
const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: "yellow", delivering: "blue", succeeded: "green", failed: "red" };
const TEST_EVENT = "hook.test";

/** A delivery's state in words: delivered, failed, or waiting for its next try at a time. */
function StatusCell({ delivery, timeZone }: { delivery: HookDelivery; timeZone: string }) {
  const { t } = useTranslation();
  const retrying = delivery.status === "pending" && delivery.attempts > 0 && delivery.next_attempt_at;
  return (
    <Stack gap={2}>
      <Badge color={STATUS_COLORS[delivery.status] ?? "gray"} variant="light" tt="none">
        {t(`integrations.deliveries.statuses.${delivery.status}`, { defaultValue: delivery.status })}
      </Badge>
      {retrying && (
        <Text size="xs" c="dimmed">
          {t("integrations.deliveries.retryAt", { date: formatMoment(delivery.next_attempt_at, timeZone, currentLanguage()) })}
        </Text>
      )}
    </Stack>
  );
}

/** One hook's deliveries: filters, each attempt on demand, replay one or every failed one since a time. */
export function DeliveriesLog({ tenant, hook }: { tenant: Tenant; hook: HookEndpoint }) {
  const { t } = useTranslation();
  const slug = tenant.slug;
  const language = currentLanguage();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [eventType, setEventType] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [replayingSince, setReplayingSince] = useState(false);
  const deliveries = useDeliveries(slug, { endpoint_id: hook.id, status, event_type: eventType });
  const refresh = useRefreshDeliveries(slug, hook.id);
  const replay = useMutation({
    mutationFn: (delivery: HookDelivery) => replayMessage(slug, delivery.message_id, hook.id),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("integrations.deliveries.replayed") });
      refresh();
    },
    onError: (error) => notifications.show({ color: "red", message: describeError(error, t) }),
  });
  const filtered = status !== null || eventType !== null;
  const eventOptions = [...hook.event_types, TEST_EVENT].map((type) => ({ value: type, label: eventLabel(t, type) }));
  const headers = ["created", "eventType", "status", "attempts", "result"].map((key) => t(`integrations.deliveries.${key}`));

  return (
    <Section
      id="deliveries-title"
      level={3}
      title={t("integrations.deliveries.title")}
      intro={t("integrations.deliveries.intro")}
      action={
        <Button variant="default" onClick={() => setReplayingSince(true)} disabled={!hook.enabled}>
          {t("integrations.deliveries.replayFailed")}
        </Button>
      }
    >
      <Group gap="sm" align="flex-end">
        <LabelledSelect
          label={t("integrations.deliveries.status")}
          placeholder={t("integrations.deliveries.anyStatus")}
          data={STATUSES.map((value) => ({ value, label: t(`integrations.deliveries.statuses.${value}`) }))}
          value={status}
          onChange={(value) => setStatus(value as DeliveryStatus | null)}
          clearable
          w={200}
        />
        <LabelledSelect
          label={t("integrations.deliveries.eventType")}
          placeholder={t("integrations.deliveries.anyEvent")}
          data={eventOptions}
          value={eventType}
          onChange={setEventType}
          clearable
          w={320}
        />
      </Group>
      <DataTablePaged
        query={deliveries}
        more={t("integrations.deliveries.more")}
        empty={
          filtered ? (
            <Text c="dimmed">{t("integrations.deliveries.noMatch")}</Text>
          ) : (
            <SectionEmpty title={t("integrations.deliveries.empty")} body={t("integrations.deliveries.emptyBody")} />
          )
        }
      >
        {(items) => (
          <DataTable
            framing="boxed"
            verticalSpacing="sm"
            aria-label={t("integrations.deliveries.table")}
            headers={headers}
            actionsLabel={t("integrations.deliveries.actions")}
          >
            {items.map((delivery) => {
              const date = formatMoment(delivery.created_at, tenant.timezone, language);
              const event = eventLabel(t, delivery.event_type);
              const expanded = open === delivery.id;
              return (
                <Fragment key={delivery.id}>
                  <Table.Tr>
                    <Table.Td>{date}</Table.Td>
                    <Table.Td>{event}</Table.Td>
                    <Table.Td>
                      <StatusCell delivery={delivery} timeZone={tenant.timezone} />
                    </Table.Td>
                    <Table.Td>{delivery.attempts}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={delivery.status === "succeeded" ? undefined : "red"}>
                        {[delivery.last_status_code, delivery.last_error].filter((part) => part !== null && part !== "").join(" · ") || "—"}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button size="xs" variant="subtle" onClick={() => setOpen(expanded ? null : delivery.id)} aria-expanded={expanded}>
                          {expanded ? t("integrations.deliveries.hideAttempts") : t("integrations.deliveries.showAttempts")}
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => replay.mutate(delivery)}
                          loading={replay.isPending && replay.variables?.id === delivery.id}
                          disabled={!hook.enabled}
                          aria-label={t("integrations.deliveries.replayLabel", { event, date })}
                        >
                          {t("integrations.deliveries.replay")}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr>
                      <Table.Td colSpan={6} bg="var(--loom-surface)">
                        <AttemptsTable slug={slug} deliveryId={delivery.id} timeZone={tenant.timezone} live={delivery.status !== "succeeded"} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </DataTable>
        )}
      </DataTablePaged>
      <ReplaySinceDialog
        opened={replayingSince}
        slug={slug}
        hookId={hook.id}
        timeZone={tenant.timezone}
        onDone={refresh}
        onClose={() => setReplayingSince(false)}
      />
    </Section>
  );
}
