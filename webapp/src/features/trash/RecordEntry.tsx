import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { TrashedRecord } from "../../api/trash";
import { currentLanguage } from "../../i18n";
import { useBlueprintVersion } from "../../api/queries/blueprints";
import { CellValue } from "../../app/records/CellValue";
import { recordTitle } from "../../app/records/layout";
import { formatDateTime } from "../../app/format";

const SHOWN_VALUES = 3;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/** The first few filled-in values, labelled with the columns of the record's own version. */
function someValues(columns: readonly Column[] | undefined, data: Record<string, unknown>) {
  if (columns) {
    return columns
      .filter((column) => !isEmpty(data[column.key]))
      .slice(0, SHOWN_VALUES)
      .map((column) => ({ key: column.key, label: column.label, column, value: data[column.key] }));
  }
  return Object.entries(data)
    .filter(([, value]) => !isEmpty(value) && typeof value !== "object")
    .slice(0, SHOWN_VALUES)
    .map(([key, value]) => ({ key, label: key, column: null, value }));
}

interface RecordEntryProps {
  slug: string;
  item: TrashedRecord;
  timeZone: string;
  /** Owners and admins may delete for good. */
  canPurge: boolean;
  restoring: boolean;
  onRestore: (title: string) => void;
  onPurge: (title: string) => void;
}

/** One deleted record: what it was, who deleted it and when, and how long it can still come back. */
export function RecordEntry({ slug, item, timeZone, canPurge, restoring, onRestore, onPurge }: RecordEntryProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const version = useBlueprintVersion(slug, item.blueprint ?? "", item.blueprint ? item.blueprint_version.number : null);
  const columns = version.data?.columns;
  const blueprintName = item.blueprint_name ?? item.blueprint;
  const title =
    (columns && recordTitle(columns, item.data)) ||
    (blueprintName ? t("trash.recordOf", { name: blueprintName }) : t("trash.unknownBlueprint"));
  const values = someValues(columns, item.data);
  const deleted = formatDateTime(item.deleted_at, timeZone, language);

  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs">
            <Title order={3} size="h5">
              {title}
            </Title>
            {blueprintName && (
              <Badge variant="light" radius="sm" tt="none">
                {blueprintName}
              </Badge>
            )}
          </Group>
          {values.length ? (
            <Group gap="md" component="dl" m={0}>
              {values.map((entry) => (
                <Group key={entry.key} gap={4} wrap="nowrap">
                  <Text component="dt" size="sm" c="dimmed">
                    {entry.label}:
                  </Text>
                  <Text component="dd" size="sm" m={0}>
                    {entry.column ? (
                      <CellValue type={entry.column.type} value={entry.value} options={entry.column.options} timeZone={timeZone} />
                    ) : (
                      String(entry.value)
                    )}
                  </Text>
                </Group>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t("trash.noValues")}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {item.deleted_by
              ? t("trash.deletedBy", { date: deleted, person: item.deleted_by.email })
              : t("trash.deletedByUnknown", { date: deleted })}
            {item.purge_at && <> · {t("trash.purgeAt", { date: formatDateTime(item.purge_at, timeZone, language) })}</>}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="light" loading={restoring} onClick={() => onRestore(title)} aria-label={t("trash.restoreRecordLabel", { title })}>
            {t("trash.restoreRecord")}
          </Button>
          {canPurge && (
            <Button variant="subtle" color="red" onClick={() => onPurge(title)} aria-label={t("trash.purgeRecordLabel", { title })}>
              {t("trash.purgeRecord")}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
