import type { EntityQuery } from "../api/entities";

/**
 * The query cache keys of records: every feature that changes records (moves, imports, the
 * Trash, migrations, flow steps) refreshes them, so they live here rather than in one feature.
 */
export const entityKeys = {
  all: (slug: string) => ["entities", slug] as const,
  list: (slug: string, query: EntityQuery) => ["entities", slug, "list", query] as const,
  detail: (slug: string, id: string) => ["entities", slug, "detail", id] as const,
};
