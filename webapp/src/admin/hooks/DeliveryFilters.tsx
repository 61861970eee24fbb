import { useTranslation } from "react-i18next";
import type { DeliveryStatus } from "../../api/hooks";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { eventLabel } from "../../features/integrations/events";
import { useParam } from "../../app/useParam";
import { DELIVERY_STATUSES } from "./DeliveriesTable";

const TEST_EVENT = "hook.test";

/** Every event type this app knows (the keys of its labels), the test event last. */
function knownEvents(labels: unknown): string[] {
  const types = Object.keys(labels && typeof labels === "object" ? labels : {}).filter((type) => type !== TEST_EVENT);
  return [...types, TEST_EVENT];
}

/** The status and event filters of a deliveries list, read from the address ("status", "event"). */
export function useDeliveryFilters() {
  const [status] = useParam("status");
  const [event] = useParam("event");
  return {
    status: DELIVERY_STATUSES.includes(status as DeliveryStatus) ? (status as DeliveryStatus) : null,
    event_type: event || null,
  };
}

/** The two selects that set them; ``events`` narrows the event choice to one hook's events. */
export function DeliveryFilters({ events }: { events?: string[] }) {
  const { t } = useTranslation();
  const [status, setStatus] = useParam("status");
  const [event, setEvent] = useParam("event");
  const types = events ? [...events.filter((type) => type !== TEST_EVENT), TEST_EVENT] : knownEvents(t("integrations.events.types", { returnObjects: true }));
  return (
    <>
      <LabelledSelect
        label={t("admin.hookDeliveries.status")}
        data={[
          { value: "", label: t("admin.hookDeliveries.anyStatus") },
          ...DELIVERY_STATUSES.map((value) => ({ value, label: t(`integrations.deliveries.statuses.${value}`) })),
        ]}
        value={DELIVERY_STATUSES.includes(status as DeliveryStatus) ? status : ""}
        allowDeselect={false}
        onChange={(value) => setStatus(value || null)}
        w={180}
      />
      <LabelledSelect
        label={t("admin.hookDeliveries.event")}
        data={[{ value: "", label: t("admin.hookDeliveries.anyEvent") }, ...types.map((type) => ({ value: type, label: eventLabel(t, type) }))]}
        value={event}
        allowDeselect={false}
        searchable
        onChange={(value) => setEvent(value || null)}
        w={300}
      />
    </>
  );
}
