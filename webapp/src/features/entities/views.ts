/**
 * Saved views of the records grid: filters, sorting and visible columns under
 * a name, stored on the server for each person and blueprint. The server keeps
 * the filter as its JSON tree (as the list's `filter` parameter holds it), so
 * a view reads back into the builder with `filterFromJson`.
 */
import type { RecordsLayout, SavedViewRecord, ViewConfig } from "../../api/views";
import { filterFromJson } from "../../app/records/filterJson";
import { serializeFilter, type FilterField, type FilterGroup } from "../../app/records/filters";
import type { SortKey } from "./sort";

export interface SavedView {
  id: string;
  name: string;
  filter: FilterGroup;
  sorts: SortKey[];
  visible: string[];
  layout: RecordsLayout;
  groupBy: string | null;
}

/** The grid's state for a stored view; columns and sort keys the grid no longer has are left out. */
export function viewFromRecord(record: SavedViewRecord, fields: readonly FilterField[], timeZone: string): SavedView {
  const known = new Set(fields.map((field) => field.key));
  const config = record.config ?? ({} as Partial<ViewConfig>);
  const sorts = (Array.isArray(config.sort) ? config.sort : [])
    .filter((sort) => sort && known.has(sort.column) && (sort.direction === "asc" || sort.direction === "desc"))
    .map(({ column, direction }) => ({ column, direction }));
  const visible = (Array.isArray(config.columns) ? config.columns : []).filter((key) => known.has(key));
  const layout = config.layout === "board" ? "board" : "grid";
  const groupBy = typeof config.group_by === "string" ? config.group_by : null;
  return { id: String(record.id), name: record.name, filter: filterFromJson(config.filter, fields, timeZone), sorts, visible, layout, groupBy };
}

/** What the server stores for the grid's current filter, sorting and columns. */
export function configFromGrid(
  applied: FilterGroup | null,
  sorts: readonly SortKey[],
  visible: readonly string[],
  fields: readonly FilterField[],
  timeZone: string,
): ViewConfig {
  const tree = applied ? serializeFilter(applied, fields, timeZone).tree : null;
  return { filter: tree, sort: sorts.map(({ column, direction }) => ({ column, direction })), columns: [...visible] };
}

/** The view of that name, whatever its case: saving under it replaces it. */
export function findByName<T extends { name: string }>(views: readonly T[], name: string): T | undefined {
  const wanted = name.trim().toLowerCase();
  return views.find((view) => view.name.toLowerCase() === wanted);
}
