/** A workspace's audit log: who did what, and when. */
import { api } from "./client";
import type { Page } from "./types";

export const AUDIT_PAGE_SIZE = 50;
/** What a workspace's log holds; Loom's whole log (the back office) also has accounts and administrators. */
export const AUDIT_CATEGORIES = ["member", "invitation", "workspace", "blueprint", "flow", "migration", "record"] as const;
export const SYSTEM_AUDIT_CATEGORIES = [...AUDIT_CATEGORIES, "user", "admin"] as const;
export type AuditCategory = (typeof SYSTEM_AUDIT_CATEGORIES)[number];

export interface AuditEvent {
  id: string;
  /** The workspace's address; null for events about Loom itself (accounts, administrators). */
  tenant?: string | null;
  at: string;
  action: string;
  actor: { id: number | null; email: string | null; kind: "member" | "admin" | "shell" | "system" };
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilters {
  category?: AuditCategory | null;
  actor?: number | null;
  /** ISO instants. */
  since?: string | null;
  until?: string | null;
}

export function listAudit(
  slug: string,
  filters: AuditFilters,
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<AuditEvent>> {
  return api.get(`/api/tenants/${encodeURIComponent(slug)}/audit`, {
    query: { limit: AUDIT_PAGE_SIZE, cursor, ...filters },
    signal,
  });
}
