import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { InboxItem, Instance } from "../../api/inbox";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../app/format";
import { refusalText } from "../../app/components/refusalText";
import { blockedReason } from "./people";

interface TransitionButtonProps {
  item: InboxItem;
  loading: boolean;
  onPress: (item: InboxItem) => void;
}

/** A waiting transition, named by its label; disabled with the reason when the caller may not press it. */
export function TransitionButton({ item, loading, onPress }: TransitionButtonProps) {
  const { t } = useTranslation();
  const reasonId = useId();
  const reason = blockedReason(item, t);
  return (
    <Stack gap={2} align="flex-start">
      <Button onClick={() => onPress(item)} loading={loading} disabled={!!reason} aria-describedby={reason ? reasonId : undefined}>
        {item.label}
      </Button>
      {reason && (
        <Text id={reasonId} size="xs" c="dimmed">
          {reason}
        </Text>
      )}
    </Stack>
  );
}

interface InstanceCardProps {
  instance: Instance;
  timeZone: string;
  /** The transition being done in one click, if any. */
  pendingId: string | null;
  onPress: (item: InboxItem) => void;
  /** Runs a stopped instance's failed step again; absent when the caller may not. */
  onRetry?: (instance: Instance) => void;
  retrying?: boolean;
}

/**
 * One flow the record is in: the buttons of its waiting steps first, then in
 * small print which flow it is and what it waits for. The record's state is the
 * page's headline, so the instance's own status is never shown as a badge
 * beside it (a running flow would read "In progress" next to "Pending").
 */
export function InstanceCard({ instance, timeZone, pendingId, onPress, onRetry, retrying = false }: InstanceCardProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  // A stopped instance still offers its waiting steps: doing one moves the record on.
  const running = instance.status !== "completed";
  const error = instance.error;
  const stoppedBy = error ? refusalText(error, t, language) : "";
  const flowLine = t("recordState.flowLine", { flow: instance.flow.name, number: instance.version });
  let where: string;
  if (instance.status === "completed") {
    where = instance.completed_at ? t("recordState.finished", { date: formatDateTime(instance.completed_at, timeZone, language) }) : t("work.flow.completed");
  } else if (instance.waiting.length) {
    where = t("recordState.waitingFor", { labels: instance.waiting.map((item) => item.label).join(", ") });
  } else {
    where = instance.status === "failed" ? t("recordState.stopped") : t("recordState.nothingToPress");
  }
  return (
    <Stack gap="xs">
      {running && instance.waiting.length > 0 && (
        <Group gap="sm" align="flex-start" wrap="wrap">
          {instance.waiting.map((item) => (
            <TransitionButton key={item.id} item={item} loading={pendingId === item.id} onPress={onPress} />
          ))}
        </Group>
      )}
      <Text size="sm" c="dimmed">
        {flowLine} · {where}
      </Text>
      {instance.status === "failed" && error && (
        <Alert color="red" variant="light" title={t("work.flow.stoppedTitle")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {error.name || error.element
                ? t("work.flow.error", { step: error.name || error.element, message: stoppedBy })
                : t("work.flow.errorNoStep", { message: stoppedBy })}
            </Text>
            <Text size="sm">{t("work.flow.stoppedHelp", { date: formatDateTime(error.at, timeZone, language) })}</Text>
            {onRetry && (
              <Button size="xs" variant="white" color="red" loading={retrying} onClick={() => onRetry(instance)}>
                {t("work.flow.retry")}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
