import { Alert, Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { InboxItem, Instance, InstanceStatus } from "../../api/inbox";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../app/timezone";
import { blockedReason } from "./people";

const STATUS_COLOR: Record<InstanceStatus, string> = { running: "blue", completed: "green", failed: "red" };

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

/** Where the record is in one flow: status, flow and version, and the buttons of its waiting steps. */
export function InstanceCard({ instance, timeZone, pendingId, onPress, onRetry, retrying = false }: InstanceCardProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  // A stopped instance still offers its waiting steps: doing one moves the record on.
  const running = instance.status !== "completed";
  const error = instance.error;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="wrap">
            <Text fw={600}>{instance.flow.name}</Text>
            <Text size="sm" c="dimmed">
              {t("work.flow.version", { number: instance.version })}
            </Text>
          </Group>
          <Badge variant="light" color={STATUS_COLOR[instance.status]} radius="sm" tt="none">
            {t(`work.flow.${instance.status}`)}
          </Badge>
        </Group>
        {running && instance.waiting.length > 0 && (
          <Stack gap={6}>
            <Text size="sm" c="dimmed">
              {t("work.flow.nextHint")}
            </Text>
            <Group gap="sm" align="flex-start" wrap="wrap">
              {instance.waiting.map((item) => (
                <TransitionButton key={item.id} item={item} loading={pendingId === item.id} onPress={onPress} />
              ))}
            </Group>
          </Stack>
        )}
        {running && !instance.waiting.length && (
          <Text size="sm" c="dimmed">
            {t("work.flow.waitingElse")}
          </Text>
        )}
        {instance.status === "completed" && instance.completed_at && (
          <Text size="sm" c="dimmed">
            {t("work.flow.finishedAt", { date: formatDateTime(instance.completed_at, timeZone, language) })}
          </Text>
        )}
        {instance.status === "failed" && error && (
          <Alert color="red" variant="light" title={t("work.flow.stoppedTitle")}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {error.name || error.element
                  ? t("work.flow.error", { step: error.name || error.element, message: error.message })
                  : t("work.flow.errorNoStep", { message: error.message })}
              </Text>
              <Text size="sm">
                {t("work.flow.stoppedHelp", { date: formatDateTime(error.at, timeZone, language) })}
              </Text>
              {onRetry && (
                <Button size="xs" variant="white" color="red" loading={retrying} onClick={() => onRetry(instance)}>
                  {t("work.flow.retry")}
                </Button>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
