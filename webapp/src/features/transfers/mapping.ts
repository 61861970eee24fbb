import type { Column } from "../../api/blueprints";
import type { ImportMapping, ImportRowError } from "../../api/transfers";

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

/** One problem of a refused row: its row number in the file, the column (a label, or empty) and why. */
export interface RowProblem {
  line: number;
  column: string;
  reason: string;
}

/** The problems of refused rows, one per row and column, in the file's order. */
export function rowProblems(rows: readonly ImportRowError[], columns: readonly Column[]): RowProblem[] {
  return rows.flatMap((row) =>
    Object.entries(row.errors).map(([key, messages]) => ({
      line: row.line,
      column: key === "_schema" || key === "" ? "" : (columns.find((column) => column.key === key)?.label ?? key),
      reason: Array.isArray(messages) ? messages.join(" ") : messages,
    })),
  );
}

/** The separator's name for the Select (a tab cannot be a readable option value). */
export const DELIMITER_NAMES: Record<string, "comma" | "semicolon" | "tab" | "pipe"> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
