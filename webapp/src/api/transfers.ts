/** CSV export and import of a blueprint's records; both run as background jobs. */
import { api } from "./client";
import type { Job } from "./jobs";

const tenant = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;

export interface ExportInput {
  blueprint: string;
  /** The JSON filter tree, serialized like the list's `filter` parameter. */
  filter: string | null;
  /** The JSON sort list, serialized like the list's `sort` parameter. */
  sort: string | null;
  q: string | null;
}

export interface ExportResult {
  file_id: string;
  name: string;
  rows: number;
  /** A signed address that works without the token, for an hour. */
  download_url: string;
}

/** CSV header → column key, or null to leave that CSV column out. */
export type ImportMapping = Record<string, string | null>;

export interface ImportUpload {
  file_id: string;
  headers: string[];
  /** The first rows of the file, as text. */
  sample: string[][];
  rows: number;
  mapping: ImportMapping;
}

export interface ImportRowError {
  line: number;
  errors: Record<string, string[] | string>;
}

export interface ImportResult {
  created: number;
  failed: number;
  errors: ImportRowError[];
}

export function startExport(slug: string, input: ExportInput): Promise<Job<ExportResult>> {
  return api.post(`${tenant(slug)}/exports`, input);
}

export function uploadImport(slug: string, blueprint: string, file: File): Promise<ImportUpload> {
  const form = new FormData();
  form.append("blueprint", blueprint);
  form.append("file", file);
  return api.post(`${tenant(slug)}/imports`, form);
}

export function startImport(
  slug: string,
  fileId: string,
  input: { blueprint: string; rows: number; mapping: ImportMapping },
): Promise<Job<ImportResult>> {
  return api.post(`${tenant(slug)}/imports/${encodeURIComponent(fileId)}/start`, input);
}
