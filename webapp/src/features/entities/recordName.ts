import type { Entity } from "../../api/entities";
import type { GridColumn } from "./gridColumns";

/** A grid column's value of one record: the record's own fields for id and times, else its data. */
export const valueOf = (entity: Entity, key: string): unknown =>
  key === "id" || key === "created_at" || key === "updated_at" ? entity[key] : entity.data[key];

const textOf = (entity: Entity, columns: readonly GridColumn[]) =>
  columns.map((column) => valueOf(entity, column.key)).find((value): value is string => typeof value === "string" && !!value.trim());

/** What a record is called: its first filled text column, else the first text shown, else null. */
export function recordName(entity: Entity, columns: readonly GridColumn[]): string | null {
  const text = textOf(entity, columns.filter((column) => column.column && column.type === "text")) ?? textOf(entity, columns.filter((column) => column.column));
  return text ? text.trim() : null;
}
