/** Moving records between versions of a blueprint, forward or backward, without losing values. */
import { api } from "./client";
import type { Entity, EntityData } from "./entities";
import type { Job } from "./jobs";

export type PlanKind = "keep" | "rename" | "convert" | "add" | "drop";

/** One step of a migration plan: where a column of the new version gets its values. */
export interface PlanStep {
  kind: PlanKind;
  source?: string;
  target?: string;
  default?: unknown;
  /** The server's plain description of what the step does (in previews). */
  rule?: string;
}

export interface MigrationPreview {
  plan: PlanStep[];
  counts: { clean: number; lossy: number; fail: number };
  examples: {
    lossy: { id: string; before: EntityData; after: EntityData; kept_aside: string[] }[];
    fail: { id: string; before: EntityData; errors: Record<string, string | string[]> }[];
  };
  scanned: number;
  total: number;
  complete: boolean;
}

export interface MigrationInput {
  from_version: number;
  to_version: number;
  plan?: PlanStep[];
}

export interface MigrationResult {
  migrated: number;
  lossy: number;
  failed: number;
  failures: { id: string; errors: Record<string, string | string[]> }[];
}

const blueprint = (slug: string, key: string) =>
  `/api/tenants/${encodeURIComponent(slug)}/blueprints/${encodeURIComponent(key)}/migrations`;

export function previewMigration(slug: string, key: string, input: MigrationInput): Promise<MigrationPreview> {
  return api.post(`${blueprint(slug, key)}/preview`, input);
}

export function startMigration(slug: string, key: string, input: Required<MigrationInput>): Promise<Job<MigrationResult>> {
  return api.post(blueprint(slug, key), input);
}

/** Moves one record; `version` is the record's lock version, as for updates. */
export function migrateEntity(slug: string, id: string, version: number, toVersion: number): Promise<Entity> {
  return api.post(`/api/tenants/${encodeURIComponent(slug)}/entities/${encodeURIComponent(id)}/migrate`, {
    version,
    to_version: toVersion,
  });
}
