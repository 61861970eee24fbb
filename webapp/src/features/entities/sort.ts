/** Sorting the grid: up to three columns, `[{"column", "direction"}]` for the API. */
export type SortDirection = "asc" | "desc";

export interface SortKey {
  column: string;
  direction: SortDirection;
}

export const MAX_SORTS = 3;

/**
 * What a click on a column header does. A plain click sorts by that column
 * alone, cycling ascending → descending → not sorted. With Shift the column is
 * added as the next sort key (or cycles in place), keeping the others.
 */
export function cycleSort(sorts: readonly SortKey[], column: string, additive: boolean): SortKey[] {
  const current = sorts.find((sort) => sort.column === column);
  const next: SortKey | null = !current
    ? { column, direction: "asc" }
    : current.direction === "asc"
      ? { column, direction: "desc" }
      : null;
  if (!additive) return next ? [next] : [];
  if (current) {
    return next ? sorts.map((sort) => (sort.column === column ? next : sort)) : sorts.filter((sort) => sort.column !== column);
  }
  const kept = sorts.length >= MAX_SORTS ? sorts.slice(0, MAX_SORTS - 1) : [...sorts];
  return [...kept, next!];
}

/** The value of aria-sort for a column header. */
export function ariaSort(sorts: readonly SortKey[], column: string): "ascending" | "descending" | "none" {
  const sort = sorts.find((candidate) => candidate.column === column);
  if (!sort) return "none";
  return sort.direction === "asc" ? "ascending" : "descending";
}

/** The `sort` query parameter; none means the server's default (newest first). */
export function serializeSort(sorts: readonly SortKey[]): string | null {
  return sorts.length ? JSON.stringify(sorts.map(({ column, direction }) => ({ column, direction }))) : null;
}
