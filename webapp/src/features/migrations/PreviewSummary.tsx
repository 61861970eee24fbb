import { Anchor, Badge, Group, List, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Column } from "../../api/blueprints";
import type { EntityData } from "../../api/entities";
import type { MigrationPreview } from "../../api/migrations";
import { countText } from "../../app/components/count";
import { currentLanguage } from "../../i18n";
import { paths } from "../../app/paths";
import { formatNumber } from "../../app/format";
import { cellText, type CellFormat } from "../../app/records/cellText";

/** A record's values in one line, as the grid shows them: "Type: Box, Qty: 1,200, Due: 01.11.2026". */
export function describeData(data: EntityData, columns: readonly Column[], format: Omit<CellFormat, "type" | "options">): string {
  return Object.entries(data)
    .map(([key, value]) => {
      const column = columns.find((candidate) => candidate.key === key);
      const text = column ? cellText(value, { ...format, type: column.type, options: column.options }) : cellText(value, { ...format, type: "text" });
      return `${column?.label ?? key}: ${text || "—"}`;
    })
    .join(", ");
}

/** Messages per column in one line: "Qty: Not a whole number." */
export function describeErrors(errors: Record<string, string | string[]>, columns: readonly Column[]): string {
  return Object.entries(errors)
    .map(([key, messages]) => `${columns.find((column) => column.key === key)?.label ?? key}: ${Array.isArray(messages) ? messages.join(" ") : messages}`)
    .join(" · ");
}

/** The end of a record id: time-ordered ids share their beginning, not their end. */
export const shortId = (id: string) => (id.length > 8 ? id.slice(-8) : id);

/** Some of the records of one kind under a small heading; nothing when there are none. */
function Examples<T extends { id: string }>({ title, items, children }: { title: string; items: T[]; children: (item: T) => ReactNode }) {
  if (!items.length) return null;
  return (
    <Stack gap={4}>
      <Title order={3} size="h6">
        {title}
      </Title>
      <List size="sm" spacing={4}>
        {items.map((item) => (
          <List.Item key={item.id}>{children(item)}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

interface PreviewSummaryProps {
  preview: MigrationPreview;
  from: Column[];
  to: Column[];
  slug: string;
  timeZone: string;
}

/** How many records move cleanly, keep values aside, or cannot move, with examples of each. */
export function PreviewSummary({ preview, from, to, slug, timeZone }: PreviewSummaryProps) {
  const { t } = useTranslation();
  const format = { timeZone, language: currentLanguage(), t };
  const { counts, examples } = preview;
  const recordLink = (id: string) => (
    <Anchor component={Link} to={paths.record(slug, id)} size="sm" target="_blank" title={id}>
      {t("migrations.record", { id: shortId(id) })}
    </Anchor>
  );
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color="green" variant="light" size="lg" tt="none">
          {countText(t, "migrations.clean", counts.clean)}
        </Badge>
        <Badge color="yellow" variant="light" size="lg" tt="none">
          {countText(t, "migrations.lossy", counts.lossy)}
        </Badge>
        <Badge color="red" variant="light" size="lg" tt="none">
          {countText(t, "migrations.fail", counts.fail)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {preview.complete
          ? countText(t, "migrations.checkedAll", preview.total)
          : t("migrations.checkedSome", { scanned: formatNumber(preview.scanned, currentLanguage()), total: formatNumber(preview.total, currentLanguage()) })}
      </Text>
      {counts.lossy > 0 && <Text size="sm">{t("migrations.lossyExplained")}</Text>}
      <Examples title={t("migrations.lossyExamples")} items={examples.lossy}>
        {(example) => (
          <>
            {recordLink(example.id)}: {describeData(example.before, from, format)} → {describeData(example.after, to, format)}
            {example.kept_aside.length > 0 && (
              <Text span size="sm" c="dimmed">
                {" "}
                ({t("migrations.keptAside", { columns: example.kept_aside.map((key) => from.find((c) => c.key === key)?.label ?? key).join(", ") })})
              </Text>
            )}
          </>
        )}
      </Examples>
      <Examples title={t("migrations.failExamples")} items={examples.fail}>
        {(example) => (
          <>
            {recordLink(example.id)}: {describeData(example.before, from, format)}
            <Text size="sm" c="red">
              {describeErrors(example.errors, [...to, ...from])}
            </Text>
          </>
        )}
      </Examples>
    </Stack>
  );
}
