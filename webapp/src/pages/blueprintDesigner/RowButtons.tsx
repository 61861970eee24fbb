import { ActionIcon, Button } from "@mantine/core";
import type { ReactNode } from "react";
import { IconArrowDown, IconArrowUp, IconTrash } from "../../app/components/icons";

export type RowButtonsProps = {
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  /** What each button says to a screen reader, naming the row. */
  labels: { up: string; down: string; remove: string };
  /** Small text-sized buttons (a column's header) instead of icon buttons (an option's row). */
  compact?: boolean;
};

/** Move a row of a list up or down, or remove it. */
export function RowButtons({ index, count, onMove, onRemove, labels, compact = false }: RowButtonsProps) {
  const iconSize = compact ? 14 : 16;
  const buttons: { label: string; icon: ReactNode; onClick: () => void; disabled?: boolean; color?: string }[] = [
    { label: labels.up, icon: <IconArrowUp size={iconSize} />, onClick: () => onMove(-1), disabled: index === 0 },
    { label: labels.down, icon: <IconArrowDown size={iconSize} />, onClick: () => onMove(1), disabled: index === count - 1 },
    { label: labels.remove, icon: <IconTrash size={iconSize} />, onClick: onRemove, color: "red" },
  ];
  return buttons.map(({ label, icon, onClick, disabled, color }) =>
    compact ? (
      <Button key={label} variant="subtle" color={color} size="xs" px={6} disabled={disabled} onClick={onClick} aria-label={label}>
        {icon}
      </Button>
    ) : (
      <ActionIcon key={label} variant="subtle" color={color} size="lg" disabled={disabled} onClick={onClick} aria-label={label}>
        {icon}
      </ActionIcon>
    ),
  );
}
