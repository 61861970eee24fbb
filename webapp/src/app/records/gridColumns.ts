import type { TFunction } from "i18next";
import type { Column } from "../../api/blueprints";
import type { ColumnType } from "../../api/types";
import type { FilterField } from "./filters";

/** A column of the records grid: a blueprint column, or one every record has. */
export interface GridColumn {
  key: string;
  label: string;
  type: ColumnType;
  /** The blueprint column; absent for id, created_at and updated_at (not editable). */
  column?: Column;
}

export function gridColumns(columns: readonly Column[], t: TFunction): GridColumn[] {
  return [
    ...columns.map((column) => ({ key: column.key, label: column.label, type: column.type, column })),
    { key: "id", label: t("records.id"), type: "reference" as const },
    { key: "created_at", label: t("records.created"), type: "datetime" as const },
    { key: "updated_at", label: t("records.updated"), type: "datetime" as const },
  ];
}

/** What the grid shows at first: the blueprint's columns and when each record was created. */
export function defaultVisible(columns: readonly Column[]): string[] {
  return [...columns.map((column) => column.key), "created_at"];
}

export function filterFields(grid: readonly GridColumn[]): FilterField[] {
  return grid.map(({ key, label, type, column }) => ({ key, label, type, options: column?.options }));
}
