import { Badge, Button, Group, Paper, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { BoardColumn } from "../../api/board";
import { countText } from "../../app/components/count";
import { currentLanguage } from "../../i18n";
import { formatNumber } from "../../app/format";

interface BoardLaneProps {
  column: BoardColumn;
  /** The column's name as people read it (the empty value gets a translated one). */
  label: string;
  /** A card being dragged may be dropped here. */
  accepts: boolean;
  onDrop: () => void;
  onShowMore: () => void;
  loadingMore: boolean;
  children: ReactNode;
}

/** One value of the grouping column: its name and count, its cards, and "Show more" for the next page. */
export function BoardLane({ column, label, accepts, onDrop, onShowMore, loadingMore, children }: BoardLaneProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [over, setOver] = useState(false);
  const empty = column.items.length === 0;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      radius="md"
      p="sm"
      bg={over ? "var(--mantine-color-blue-light)" : "var(--loom-surface)"}
      w={280}
      miw={280}
      style={{ outline: over ? "2px dashed var(--mantine-color-blue-5)" : undefined }}
      onDragOver={(event) => {
        if (!accepts) return;
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
        setOver(true);
      }}
      onDragEnter={(event) => {
        if (accepts) event.preventDefault();
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (accepts) onDrop();
      }}
    >
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Text id={headingId} fw={600} size="sm" component="h2">
          {label}
        </Text>
        <Badge variant="light" color="gray">
          <span aria-hidden>{formatNumber(column.count, currentLanguage())}</span>
          <VisuallyHidden>{countText(t, "board.count", column.count)}</VisuallyHidden>
        </Badge>
      </Group>
      <Stack gap="xs">
        {empty ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t("board.empty")}
          </Text>
        ) : (
          children
        )}
        {column.next_cursor && (
          <Button variant="subtle" size="xs" loading={loadingMore} onClick={onShowMore} aria-label={t("board.showMoreIn", { column: label })}>
            {t("board.showMore")}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
