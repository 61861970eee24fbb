import type { Column } from "../../api/blueprints";
import type { ImportMapping } from "../../api/transfers";

/** The Select's value for "Do not import" (a Select cannot hold null as an option). */
export const SKIP = "__skip__";

/** The server's suggestion, keeping only columns the blueprint has. */
export function initialMapping(headers: readonly string[], suggested: ImportMapping, columns: readonly Column[]): ImportMapping {
  const keys = new Set(columns.map((column) => column.key));
  return Object.fromEntries(headers.map((header) => [header, suggested[header] && keys.has(suggested[header]!) ? suggested[header] : null]));
}

/** Column keys chosen for more than one CSV column. */
export function duplicateTargets(mapping: ImportMapping): string[] {
  const seen = new Map<string, number>();
  for (const key of Object.values(mapping)) if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([key]) => key);
}

/** Required columns no CSV column feeds. */
export function unmappedRequired(mapping: ImportMapping, columns: readonly Column[]): Column[] {
  const used = new Set(Object.values(mapping).filter(Boolean));
  return columns.filter((column) => column.required && !used.has(column.key));
}

/** One line of messages for a failed row: "Qty: Must be a whole number." */
export function rowMessages(errors: Record<string, string[] | string>, columns: readonly Column[]): string {
  return Object.entries(errors)
    .map(([key, messages]) => {
      const label = columns.find((column) => column.key === key)?.label ?? key;
      const text = Array.isArray(messages) ? messages.join(" ") : messages;
      return key === "_schema" || key === "" ? text : `${label}: ${text}`;
    })
    .join(" · ");
}
