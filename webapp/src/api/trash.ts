/** The Trash: deleted blueprints with their records, and deleted records. */
import type { Blueprint } from "./blueprints";
import type { Entity } from "./entities";
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

/** A record in the Trash: restorable until `purge_at`, then deleted for good. */
export interface TrashedRecord {
  id: string;
  blueprint: string | null;
  blueprint_name: string | null;
  blueprint_version: { id: string | number; number: number };
  data: Record<string, unknown>;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string;
  deleted_by: { id: number; email: string } | null;
  purge_at: string | null;
}

export const TRASHED_RECORDS_PAGE_SIZE = 25;

const records = (slug: string) => `${base(slug)}/records`;
const record = (slug: string, id: string) => `${records(slug)}/${encodeURIComponent(id)}`;

/** Deleted records, most recently deleted first (editors and up). */
export function listTrashedRecords(slug: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<TrashedRecord>> {
  return api.get(records(slug), { query: { limit: TRASHED_RECORDS_PAGE_SIZE, cursor }, signal });
}

/** Brings a deleted record back with its history; its flow goes on where it waited. */
export function restoreRecord(slug: string, id: string): Promise<Entity> {
  return api.post(`${record(slug, id)}/restore`);
}

/** Deletes a record in the Trash for good, now (owners and admins). */
export function purgeRecord(slug: string, id: string): Promise<void> {
  return api.delete(record(slug, id));
}
