/**
 * The grid's search, filter, sorting and saved view kept in the address
 * (`?q=box&sort=[...]&filter={...}&view=12`), so a reload, the Back button or
 * a shared link shows the same records. The filter and sort use the JSON the
 * list's API parameters take.
 */
import { filterFromJson } from "../../app/records/filterJson";
import { countConditions, type FilterField, type FilterGroup } from "../../app/records/filters";
import { MAX_SORTS, type SortKey } from "./sort";

export interface GridAddress {
  q: string;
  sorts: SortKey[];
  filter: FilterGroup | null;
  view: string | null;
}

/** What the address holds, as the grid's state; unknown columns and broken JSON are left out. */
export function readGridAddress(params: URLSearchParams, fields: readonly FilterField[], timeZone: string): GridAddress {
  const filter = params.get("filter") ? filterFromJson(asGroup(params.get("filter")!), fields, timeZone) : null;
  return {
    q: params.get("q") ?? "",
    sorts: readSorts(params.get("sort"), fields),
    filter: filter && countConditions(filter) ? filter : null,
    view: params.get("view") || null,
  };
}

/** A filter's JSON as a group: the API also takes a single condition, and so does the address. */
function asGroup(raw: string): unknown {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" && "column" in parsed ? { and: [parsed] } : parsed;
  } catch {
    return null;
  }
}

function readSorts(raw: string | null, fields: readonly FilterField[]): SortKey[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const known = new Set(fields.map((field) => field.key));
  return parsed
    .filter((item): item is SortKey => {
      const sort = item as Partial<SortKey> | null;
      return !!sort && typeof sort.column === "string" && known.has(sort.column) && (sort.direction === "asc" || sort.direction === "desc");
    })
    .slice(0, MAX_SORTS)
    .map(({ column, direction }) => ({ column, direction }));
}

/** The address for the grid's state: other parameters (layout, group_by) stay as they are. */
export function writeGridAddress(
  current: URLSearchParams,
  state: { q: string; sort: string | null; filter: string | null; view: string | null },
): URLSearchParams {
  const out = new URLSearchParams(current);
  const put = (name: string, value: string | null) => (value ? out.set(name, value) : out.delete(name));
  put("q", state.q);
  put("sort", state.sort);
  put("filter", state.filter);
  put("view", state.view);
  return out;
}
