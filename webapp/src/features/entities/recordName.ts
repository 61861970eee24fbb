import type { Entity } from "../../api/entities";
import type { GridColumn } from "../../app/records/gridColumns";

/** A grid column's value of one record: the record's own fields for id and times, else its data. */
export const valueOf = (entity: Entity, key: string): unknown =>
  key === "id" || key === "created_at" || key === "updated_at" ? entity[key] : entity.data[key];

/** What a record is called: the first text among its columns (in the grid's order), else null. */
export function recordName(entity: Entity, columns: readonly GridColumn[]): string | null {
  const text = columns
    .filter((column) => column.column)
    .map((column) => valueOf(entity, column.key))
    .find((value): value is string => typeof value === "string" && !!value.trim());
  return text ? text.trim() : null;
}
