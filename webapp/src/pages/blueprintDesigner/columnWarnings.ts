/**
 * What the designer warns about before saving, column by column: a name that
 * reads as one every record has already ("Created at" would get the key
 * `created_at_value`), and a name another column has too (its key would only
 * differ by a number, `_2`).
 */
import { reservedNameOf } from "../../features/blueprints/columnKey";
import type { DraftColumn } from "./draft";

export interface ColumnWarning {
  /** The reserved name the column's name reads as, when its key follows the name. */
  reserved: string | null;
  /** The name, when another column has the same one (whatever the case and spaces). */
  duplicate: string | null;
}

const sameName = (label: string) => label.trim().replace(/\s+/g, " ").toLowerCase();

/** Warnings per column uid; columns without any are left out. */
export function columnWarnings(columns: readonly Pick<DraftColumn, "uid" | "label" | "keyEdited">[]): Record<string, ColumnWarning> {
  const counts = new Map<string, number>();
  for (const column of columns) {
    const name = sameName(column.label);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const out: Record<string, ColumnWarning> = {};
  for (const column of columns) {
    const reserved = column.keyEdited ? null : reservedNameOf(column.label);
    const duplicate = (counts.get(sameName(column.label)) ?? 0) > 1 ? column.label.trim() : null;
    if (reserved || duplicate) out[column.uid] = { reserved, duplicate };
  }
  return out;
}
