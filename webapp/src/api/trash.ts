/** Deleted blueprints whose records wait in the Trash. */
import type { Blueprint } from "./blueprints";
import { api } from "./client";
import type { Job } from "./jobs";
import type { Page } from "./types";

export const TRASH_PAGE_SIZE = 50;

export interface TrashItem {
  id: string | number;
  key: string;
  name: string;
  deleted_at: string;
  entity_count: number;
}

export interface AttachInput {
  blueprint: string;
  from_version: number;
  to_version: number;
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/trash`;
const one = (slug: string, id: string | number) => `${base(slug)}/${encodeURIComponent(String(id))}`;

export function listTrash(slug: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<TrashItem>> {
  return api.get(base(slug), { query: { limit: TRASH_PAGE_SIZE, cursor }, signal });
}

/** Brings the blueprint back as it was, with its records. */
export function undeleteTrash(slug: string, id: string | number): Promise<Blueprint> {
  return api.post(`${one(slug, id)}/restore`, { mode: "undelete" });
}

/** Moves the records to a live blueprint, migrating them between the given versions. */
export function attachTrash(slug: string, id: string | number, attach: AttachInput): Promise<Job> {
  return api.post(`${one(slug, id)}/restore`, { mode: "attach", attach });
}

/** Deletes the blueprint and its records for good. */
export function purgeTrash(slug: string, id: string | number): Promise<Job> {
  return api.delete(one(slug, id));
}
