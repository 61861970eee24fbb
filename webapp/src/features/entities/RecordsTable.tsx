import { Anchor, Button, Group, Table, Text, UnstyledButton } from "@mantine/core";
import { useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Entity } from "../../api/entities";
import { paths } from "../../app/paths";
import { SelectAllBox, SelectBox, type Selection } from "./BulkMove";
import { CellEditor } from "./CellEditor";
import { CellValue } from "../../app/records/CellValue";
import type { GridColumn } from "../../app/records/gridColumns";
import { ariaSort, type SortKey } from "./sort";
import type { InputValue } from "../../app/records/values";
import { recordName, valueOf } from "./recordName";

interface RecordsTableProps {
  label: string;
  columns: GridColumn[];
  entities: Entity[];
  sorts: SortKey[];
  onSort: (column: string, additive: boolean) => void;
  /** Saves one cell; resolves to an error message, or null when saved. */
  onSave: (entity: Entity, column: GridColumn, value: InputValue) => Promise<string | null>;
  onDelete: (entity: Entity) => void;
  timeZone: string;
  slug: string;
  /** Viewers read: no cell editing, no delete. */
  readOnly?: boolean;
  /** Rows can be chosen (a checkbox each, and one for the whole page) for the bulk actions. */
  selection?: Selection;
}

/**
 * The records grid. One cell at a time is in the tab order; arrow keys, Home
 * and End move between cells. Enter or a double-click edits a cell of a
 * blueprint column; the editor saves on Enter and cancels on Escape.
 */
export function RecordsTable({ label, columns, entities, sorts, onSort, onSave, onDelete, timeZone, slug, readOnly, selection }: RecordsTableProps) {
  const { t } = useTranslation();
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ row: number; col: number } | null>(null);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const row = Math.min(active.row, Math.max(entities.length - 1, 0));
  const col = Math.min(active.col, Math.max(columns.length - 1, 0));

  const focusCell = (r: number, c: number) => {
    setActive({ row: r, col: c });
    const cell = cells.current.get(`${r}:${c}`);
    if (cell) cell.focus();
    else requestAnimationFrame(() => cells.current.get(`${r}:${c}`)?.focus());
  };

  const startEditing = (r: number, c: number) => {
    if (columns[c]?.column && !readOnly) setEditing({ row: r, col: c });
  };

  const onCellKeyDown = (event: KeyboardEvent<HTMLTableCellElement>, r: number, c: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: [r, 0],
      End: [r, columns.length - 1],
    };
    const target = moves[event.key];
    if (target) {
      event.preventDefault();
      const [nr, nc] = target;
      if (nr >= 0 && nr < entities.length && nc >= 0 && nc < columns.length) focusCell(nr, nc);
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      startEditing(r, c);
    }
  };

  const stopEditing = (r: number, c: number) => {
    setEditing(null);
    focusCell(r, c);
  };

  const sortLabel = (key: string) => {
    const index = sorts.findIndex((sort) => sort.column === key);
    if (index < 0) return null;
    const arrow = sorts[index].direction === "asc" ? "↑" : "↓";
    return sorts.length > 1 ? `${arrow}${index + 1}` : arrow;
  };

  return (
    <Table.ScrollContainer minWidth={Math.max(480, columns.length * 140 + 260)}>
      <Table role="grid" aria-label={label} className="records-grid" highlightOnHover withTableBorder verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th role="columnheader" scope="col" w={40}>
                <SelectAllBox selection={selection} />
              </Table.Th>
            )}
            {columns.map((column) => (
              <Table.Th key={column.key} role="columnheader" aria-sort={ariaSort(sorts, column.key)} scope="col">
                <UnstyledButton
                  onClick={(event: MouseEvent) => onSort(column.key, event.shiftKey)}
                  fw={600}
                  fz="sm"
                  style={{ whiteSpace: "nowrap" }}
                >
                  {column.label}
                  {sortLabel(column.key) && (
                    <Text span c="indigo" ml={4} aria-hidden>
                      {sortLabel(column.key)}
                    </Text>
                  )}
                </UnstyledButton>
              </Table.Th>
            ))}
            <Table.Th role="columnheader" scope="col">
              {t("records.version")}
            </Table.Th>
            <Table.Th role="columnheader" scope="col">
              {t("records.actions")}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entities.map((entity, r) => (
            <Table.Tr key={entity.id} aria-selected={selection ? selection.selected.has(entity.id) : undefined}>
              {selection && (
                <Table.Td role="gridcell">
                  <SelectBox selection={selection} entity={entity} name={recordName(entity, columns) ?? entity.id} />
                </Table.Td>
              )}
              {columns.map((column, c) => {
                const isEditing = editing?.row === r && editing.col === c && !!column.column;
                return (
                  <Table.Td
                    key={column.key}
                    role="gridcell"
                    tabIndex={isEditing ? -1 : r === row && c === col ? 0 : -1}
                    ref={(element) => {
                      if (element) cells.current.set(`${r}:${c}`, element);
                      else cells.current.delete(`${r}:${c}`);
                    }}
                    aria-readonly={column.column && !readOnly ? undefined : true}
                    onFocus={() => (r !== row || c !== col) && setActive({ row: r, col: c })}
                    onKeyDown={isEditing ? undefined : (event) => onCellKeyDown(event, r, c)}
                    onDoubleClick={() => startEditing(r, c)}
                  >
                    {isEditing && column.column ? (
                      <CellEditor
                        column={column.column}
                        stored={valueOf(entity, column.key)}
                        timeZone={timeZone}
                        slug={slug}
                        onSave={async (value) => {
                          const problem = await onSave(entity, column, value);
                          if (problem === null) stopEditing(r, c);
                          return problem;
                        }}
                        onCancel={() => stopEditing(r, c)}
                      />
                    ) : (
                      <CellValue type={column.type} value={valueOf(entity, column.key)} options={column.column?.options} timeZone={timeZone} />
                    )}
                  </Table.Td>
                );
              })}
              <Table.Td role="gridcell">
                <Text size="sm" c="dimmed">
                  {t("records.versionValue", { number: entity.blueprint_version.number })}
                </Text>
              </Table.Td>
              <Table.Td role="gridcell">
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={paths.record(slug, entity.id)} size="sm">
                    {t("records.open")}
                  </Anchor>
                  {!readOnly && (
                    <Button variant="subtle" color="red" size="compact-sm" onClick={() => onDelete(entity)}>
                      {t("records.delete")}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
