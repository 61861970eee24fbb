import { Alert, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { getConnectorCalls, type ConnectorCall } from "../../api/connectors";
import type { Instance } from "../../api/inbox";
import { formatDateTime } from "../../app/format";
import { currentLanguage } from "../../i18n";
import { entityKeys } from "../../app/entityKeys";

const OPEN = new Set(["pending", "delivering"]);
/** While a step is being sent, look again now and then: the flow moves on in the background. */
const POLL_MS = 10_000;

/** Under the record's key: refreshing the record and its flows refreshes these too. */
export const connectorCallsKey = (slug: string, id: string) => [...entityKeys.detail(slug, id), "connector-calls"] as const;

function sentence(call: ConnectorCall, timeZone: string, t: TFunction): string {
  const step = call.name || call.element;
  const what = t(`recordState.connector.kind.${call.kind}`);
  if (call.status === "failed") return t("recordState.connector.failed", { step, what, error: call.last_error ?? "" });
  if (call.attempts > 0 && call.last_error) {
    const at = formatDateTime(call.next_attempt_at, timeZone, currentLanguage());
    return t("recordState.connector.retrying", { step, what, count: call.attempts, error: call.last_error, at });
  }
  return t("recordState.connector.sending", { step, what });
}

interface ConnectorStepsProps {
  slug: string;
  entityId: string;
  timeZone: string;
  /** The record's flow instances: only running ones show their steps. */
  instances: readonly Instance[];
}

/**
 * The record's automatic steps that are not done, in plain words: one being
 * sent (and how its last attempt went), or one that failed while its flow runs
 * on (an error path took over). A failure that stopped the flow is the flow's
 * own error, shown with its "Try again". Nothing when there is none, or when
 * the server does not know connectors.
 */
export function ConnectorSteps({ slug, entityId, timeZone, instances }: ConnectorStepsProps) {
  const { t } = useTranslation();
  const calls = useQuery({
    queryKey: connectorCallsKey(slug, entityId),
    queryFn: ({ signal }) => getConnectorCalls(slug, entityId, signal),
    refetchInterval: (query) => (query.state.data?.items.some((call) => OPEN.has(call.status)) ? POLL_MS : false),
  });
  const running = new Map(instances.filter((instance) => instance.status === "running").map((instance) => [instance.id, instance]));
  const shown = (calls.data?.items ?? []).filter(
    (call) => running.has(call.instance_id) && (OPEN.has(call.status) || call.status === "failed"),
  );
  if (!shown.length) return null;
  return (
    <Stack gap="xs">
      {shown.map((call) => (
        <Alert
          key={call.id}
          color={call.status === "failed" ? "orange" : "blue"}
          variant="light"
          title={t(call.status === "failed" ? "recordState.connector.failedTitle" : "recordState.connector.sendingTitle")}
        >
          <Text size="sm">{sentence(call, timeZone, t)}</Text>
        </Alert>
      ))}
    </Stack>
  );
}
