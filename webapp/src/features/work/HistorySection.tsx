import { Group, Paper, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import type { TFunction } from "i18next";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { HistoryEntry } from "../../api/inbox";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../app/format";
import { ChangeValue } from "./ChangeValue";
import { personName } from "./people";
import { useRecordFlows } from "../../api/queries/work";

/** What happened, in a few words: the transition's label, or what the flow did. */
function what(entry: HistoryEntry, t: TFunction): string {
  switch (entry.kind) {
    case "started":
      return t("work.history.started", { flow: entry.flow.name });
    case "completed":
      return t("work.history.completed", { flow: entry.flow.name });
    case "failed":
      return t("work.history.failed", { message: entry.label ?? "" });
    case "placed":
      return t("recordState.placed", { value: entry.label ?? "" });
    case "timer":
      return entry.label ? t("work.history.timer", { label: entry.label }) : t("work.history.timerPlain");
    case "message":
    case "signal":
      return t(`work.history.${entry.kind}`, { name: entry.label ?? "" });
    default:
      return entry.label || entry.element || t("work.history.timerPlain");
  }
}

interface HistoryItemProps {
  entry: HistoryEntry;
  columns: readonly Column[];
  timeZone: string;
}

function HistoryItem({ entry, columns, timeZone }: HistoryItemProps) {
  const { t } = useTranslation();
  const when = formatDateTime(entry.at, timeZone, currentLanguage());
  return (
    <Stack component="li" gap={4} pb="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
      <Text fw={600}>{what(entry, t)}</Text>
      <Text size="sm" c="dimmed">
        {t("work.history.by", { who: personName(entry.user, t), when, flow: entry.flow.name })}
      </Text>
      {entry.changes.length > 0 && (
        <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: "none" }} aria-label={t("work.history.changes")}>
          {entry.changes.map((change) => {
            const column = columns.find((candidate) => candidate.key === change.field);
            return (
              <Group component="li" key={change.field} gap={6} wrap="wrap">
                <Text span size="sm" fw={500}>
                  {change.label || column?.label || change.field}:
                </Text>
                <ChangeValue value={change.before} column={column} timeZone={timeZone} />
                <Text span size="sm" c="dimmed" aria-hidden>
                  →
                </Text>
                <VisuallyHidden>{t("work.history.changedTo")}</VisuallyHidden>
                <ChangeValue value={change.after} column={column} timeZone={timeZone} />
              </Group>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

interface HistorySectionProps {
  slug: string;
  timeZone: string;
  entityId: string;
  /** The record's columns, to show values by their types. */
  columns: readonly Column[];
}

/** The record's flow history, newest first: who, when, which transition, what changed. */
export function HistorySection({ slug, timeZone, entityId, columns }: HistorySectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const flows = useRecordFlows(slug, entityId);
  if (!flows.data) return null;
  const { instances, startable, history } = flows.data;
  if (!instances.length && !startable.length && !history.length) return null;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="lg" radius="md">
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          {t("work.history.title")}
        </Title>
        {history.length ? (
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {history.map((entry) => (
              <HistoryItem key={entry.id} entry={entry} columns={columns} timeZone={timeZone} />
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{t("work.history.empty")}</Text>
        )}
      </Stack>
    </Paper>
  );
}
