import { api } from "./client";

export const ENTITY_PAGE_SIZE = 50;

export type EntityData = Record<string, unknown>;

export interface Entity {
  id: string;
  blueprint: string;
  blueprint_version: { id: string | number; number: number };
  data: EntityData;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EntityPage {
  items: Entity[];
  next_cursor: string | null;
  /** On the first page only (no cursor): the count of the whole list. */
  count?: { value: number; exact: boolean } | null;
  /** False when the list stopped within its time budget; next_cursor goes on from there. */
  complete?: boolean;
  /** Why a page is incomplete: "indexing" while a filtered or sorted column has no index yet. */
  reason?: "indexing" | null;
}

/** Whether the list so far stopped early because a column is still being indexed. */
export function stillIndexing(pages: readonly EntityPage[] | undefined): boolean {
  const last = pages?.[pages.length - 1];
  return last?.complete === false && last.reason === "indexing";
}

export interface EntityQuery {
  blueprint: string;
  q?: string;
  /** JSON list of sort keys, already serialized. */
  sort?: string | null;
  /** JSON filter tree, already serialized. */
  filter?: string | null;
  limit?: number;
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/entities`;
const one = (slug: string, id: string) => `${base(slug)}/${encodeURIComponent(id)}`;

export function listEntities(slug: string, query: EntityQuery, cursor?: string | null, signal?: AbortSignal): Promise<EntityPage> {
  return api.get(base(slug), {
    query: {
      blueprint: query.blueprint,
      limit: query.limit ?? ENTITY_PAGE_SIZE,
      cursor,
      q: query.q || undefined,
      sort: query.sort || undefined,
      filter: query.filter || undefined,
    },
    signal,
  });
}

export function getEntity(slug: string, id: string, signal?: AbortSignal): Promise<Entity> {
  return api.get(one(slug, id), { signal });
}

export function createEntity(slug: string, blueprint: string, data: EntityData): Promise<Entity> {
  return api.post(base(slug), { blueprint, data });
}

export function updateEntity(slug: string, id: string, version: number, data: EntityData): Promise<Entity> {
  return api.patch(one(slug, id), { version, data });
}

export function deleteEntity(slug: string, id: string, version: number): Promise<void> {
  return api.delete(one(slug, id), { query: { version } });
}
