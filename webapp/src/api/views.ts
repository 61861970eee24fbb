/** Saved views of the records grid, stored on the server per person and blueprint. */
import { api } from "./client";

export interface ViewConfig {
  /** The filter tree object (as the list's `filter` parameter holds it, parsed), or null. */
  filter: unknown;
  sort: { column: string; direction: "asc" | "desc" }[];
  /** Keys of the visible columns, in order. */
  columns: string[];
  /** How the records show; left out: the grid. */
  layout?: RecordsLayout;
  /** Key of the choice column the board groups by; left out: the one a flow moves. */
  group_by?: string | null;
}

export type RecordsLayout = "grid" | "board";

export interface SavedViewRecord {
  id: string | number;
  name: string;
  blueprint: string;
  config: ViewConfig;
  updated_at: string;
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/views`;
const one = (slug: string, id: string | number) => `${base(slug)}/${encodeURIComponent(String(id))}`;

export function listViews(slug: string, blueprint: string, signal?: AbortSignal): Promise<{ items: SavedViewRecord[] }> {
  return api.get(base(slug), { query: { blueprint }, signal });
}

export function createView(slug: string, input: { blueprint: string; name: string; config: ViewConfig }): Promise<SavedViewRecord> {
  return api.post(base(slug), input);
}

export function updateView(slug: string, id: string | number, changes: { name?: string; config?: ViewConfig }): Promise<SavedViewRecord> {
  return api.patch(one(slug, id), changes);
}

export function deleteView(slug: string, id: string | number): Promise<void> {
  return api.delete(one(slug, id));
}
