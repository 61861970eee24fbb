import type { Column, FormLayout } from "../../api/blueprints";
import type { EntityData } from "../../api/entities";

export interface ResolvedSection {
  title: string;
  columns: Column[];
}

/** The form's sections with their columns; no layout shows every column in order. */
export function resolveLayout(columns: readonly Column[], form: FormLayout | null | undefined): ResolvedSection[] {
  if (!form) return [{ title: "", columns: [...columns] }];
  const byKey = new Map(columns.map((column) => [column.key, column]));
  return form.sections.map((section) => ({
    title: section.title ?? "",
    columns: section.fields.map((key) => byKey.get(key)).filter((column): column is Column => !!column),
  }));
}

/** What names a record: the value of its first text column, if it has one. */
export function recordTitle(columns: readonly Column[], data: EntityData | undefined): string | null {
  if (!data) return null;
  for (const column of columns) {
    if (column.type !== "text") continue;
    const value = data[column.key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}
