import { api } from "./client";
import type { PublishPreviewBase } from "./publish";
import type { ColumnType, Page } from "./types";

export const BLUEPRINT_PAGE_SIZE = 50;

export interface ColumnOption {
  value: string;
  label: string;
  color: string;
}

/** Validation rules; min and max are strings for decimals and dates, numbers are accepted too. */
export interface ColumnRules {
  min?: string | number | null;
  max?: string | number | null;
  min_length?: number | null;
  max_length?: number | null;
  pattern?: string | null;
}

export interface Column {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  default: unknown;
  help_text: string;
  rules: ColumnRules;
  options?: ColumnOption[];
  /** Key of the blueprint a reference column links to. */
  reference?: string;
}

export interface FormSection {
  title: string;
  fields: string[];
}

/** Which columns the form shows, in sections; null shows every column in order. */
export interface FormLayout {
  sections: FormSection[];
}

export interface PublishedVersionRef {
  id: string | number;
  number: number;
  published_at: string;
}

export interface BlueprintSummary {
  id: string | number;
  key: string;
  name: string;
  description: string;
  published_version: PublishedVersionRef | null;
  draft_changed: boolean;
  entity_count: number;
  lock_version: number;
  /** People may edit by hand the fields its published flows write. */
  flow_fields_editable?: boolean;
  created_at: string;
  updated_at: string;
}

export interface BlueprintDraft {
  columns: Column[];
  form: FormLayout | null;
}

export interface VersionSummary {
  id: string | number;
  number: number;
  published_at: string;
  entity_count: number;
}

export interface Blueprint extends BlueprintSummary {
  draft: BlueprintDraft;
  versions: VersionSummary[];
}

export interface BlueprintVersion {
  id: string | number;
  number: number;
  columns: Column[];
  form: FormLayout | null;
  published_at: string;
  entity_count?: number;
}

export interface BlueprintInput {
  name: string;
  key?: string;
  description?: string;
  columns?: Column[];
  form?: FormLayout | null;
}

export interface BlueprintChanges {
  lock_version: number;
  name?: string;
  description?: string;
  draft?: BlueprintDraft;
  flow_fields_editable?: boolean;
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/blueprints`;
const one = (slug: string, key: string) => `${base(slug)}/${encodeURIComponent(key)}`;

export function listBlueprints(slug: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<BlueprintSummary>> {
  return api.get(base(slug), { query: { limit: BLUEPRINT_PAGE_SIZE, cursor }, signal });
}

export function createBlueprint(slug: string, input: BlueprintInput): Promise<Blueprint> {
  return api.post(base(slug), input);
}

export function getBlueprint(slug: string, key: string, signal?: AbortSignal): Promise<Blueprint> {
  return api.get(one(slug, key), { signal });
}

export function updateBlueprint(slug: string, key: string, changes: BlueprintChanges): Promise<Blueprint> {
  return api.patch(one(slug, key), changes);
}

export function publishBlueprint(slug: string, key: string, lockVersion: number): Promise<BlueprintVersion> {
  return api.post(`${one(slug, key)}/publish`, { lock_version: lockVersion });
}

/** What publishing the draft would change, and the problems that stop it (each on the draft's field). */
export interface BlueprintPublishPreview extends PublishPreviewBase {
  problems: { field: string; message: string }[];
}

export function getBlueprintPublishPreview(slug: string, key: string): Promise<BlueprintPublishPreview> {
  return api.get(`${one(slug, key)}/publish-preview`);
}

export function getBlueprintVersion(slug: string, key: string, number: number, signal?: AbortSignal): Promise<BlueprintVersion> {
  return api.get(`${one(slug, key)}/versions/${number}`, { signal });
}

export function deleteBlueprint(slug: string, key: string): Promise<void> {
  return api.delete(one(slug, key));
}
