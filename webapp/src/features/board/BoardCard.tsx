import { ActionIcon, Anchor, Group, Loader, Menu, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { BoardColumn } from "../../api/board";
import type { Column } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import { IconChevronDown } from "../../app/components/icons";
import { cardFields, cardTitle, valueText } from "./cards";

export const DRAG_TYPE = "application/x-loom-record";

interface BoardCardProps {
  slug: string;
  timeZone: string;
  entity: Entity;
  /** The blueprint version's columns. */
  columns: Column[];
  groupBy: string;
  /** Where the card may go ("Move to…"); empty: it cannot be moved here. */
  targets: BoardColumn[];
  moving: boolean;
  onMove: (entity: Entity, to: BoardColumn) => void;
  onDragStart: (entity: Entity) => void;
  onDragEnd: () => void;
}

/** `/t/:slug/e/:id`, the record's page. */
const recordPath = (slug: string, id: string) => `/t/${encodeURIComponent(slug)}/e/${encodeURIComponent(id)}`;

/**
 * One record on the board: its name (a link to its page) and a few values. It is
 * dragged to another column, or moved with its "Move to…" menu from the keyboard.
 */
export function BoardCard({ slug, timeZone, entity, columns, groupBy, targets, moving, onMove, onDragStart, onDragEnd }: BoardCardProps) {
  const { t } = useTranslation();
  const title = cardTitle(columns, entity, t);
  const movable = targets.length > 0 && !moving;
  return (
    <Paper
      component="article"
      withBorder
      radius="sm"
      p="xs"
      tabIndex={0}
      aria-label={title}
      aria-busy={moving || undefined}
      draggable={movable}
      onDragStart={(event) => {
        if (!movable) return;
        event.dataTransfer?.setData(DRAG_TYPE, entity.id);
        event.dataTransfer?.setData("text/plain", entity.id);
        if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
        onDragStart(entity);
      }}
      onDragEnd={onDragEnd}
      style={{ cursor: movable ? "grab" : undefined, opacity: moving ? 0.6 : 1 }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
        <Anchor component={Link} to={recordPath(slug, entity.id)} size="sm" fw={600} draggable={false} style={{ wordBreak: "break-word" }}>
          {title}
        </Anchor>
        {moving && <Loader size="xs" role="status" aria-label={t("board.moving")} />}
        {targets.length > 0 && !moving && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t("board.moveCard", { title })}>
                <IconChevronDown size={14} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t("board.moveTo")}</Menu.Label>
              {targets.map((target) => (
                <Menu.Item key={target.value} onClick={() => onMove(entity, target)}>
                  {target.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Stack gap={0} mt={4}>
        {cardFields(columns, entity, groupBy).map((column) => (
          <Text key={column.key} size="xs" c="dimmed" lineClamp={1}>
            {column.label}: {valueText(column, entity.data[column.key], timeZone, t)}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
