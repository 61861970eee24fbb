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
  /** UTF-8 with a byte order mark; in a German workspace `;` between cells and decimal commas. */
  excel?: boolean;
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
  /** As found in the file, or as the person chose. */
  encoding: ImportEncoding;
  delimiter: string;
}

export const IMPORT_ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "cp1252", "latin-1"] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];
export const IMPORT_DELIMITERS = [",", ";", "\t", "|"] as const;
/** How the file writes numbers and dates: en 1,234.5 and 11/01/2026, de 1.234,5 and 01.11.2026. */
export type ImportLocale = "en" | "de";

export interface ImportOptions {
  blueprint: string;
  rows: number;
  mapping: ImportMapping;
  encoding: ImportEncoding;
  delimiter: string;
  locale: ImportLocale;
}

export interface ImportRowError {
  line: number;
  errors: Record<string, string[] | string>;
}

/** What the check of every row found; nothing was written. */
export interface ImportCheck {
  valid: number;
  failed: number;
  errors: ImportRowError[];
}

export interface ImportResult {
  created: number;
  failed: number;
  errors: ImportRowError[];
  /** A signed address (an hour) of the refused rows as CSV, with a `reason` column. */
  rejected_url?: string;
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

const upload = (slug: string, fileId: string) => `${tenant(slug)}/imports/${encodeURIComponent(fileId)}`;

/** The upload read again with another encoding or separator. */
export function rereadImport(
  slug: string,
  fileId: string,
  input: { blueprint: string; encoding: ImportEncoding; delimiter: string },
): Promise<ImportUpload> {
  return api.post(`${upload(slug, fileId)}/read`, input);
}

/** Check every row in the background; nothing is written. */
export function checkImport(slug: string, fileId: string, input: ImportOptions): Promise<Job<ImportCheck>> {
  return api.post(`${upload(slug, fileId)}/check`, input);
}

/** Create the records of the valid rows in the background. */
export function startImport(slug: string, fileId: string, input: ImportOptions): Promise<Job<ImportResult>> {
  return api.post(`${upload(slug, fileId)}/start`, input);
}
