/** The back office's read-only view of every workspace's hooks (`/api/admin/hooks`, runtime/hooks/admin_routes.py). */
import { ADMIN_PAGE_SIZE } from "./admin";
import { api } from "./client";
import type { DeliveryStatus, HookDelivery, HookEndpoint } from "./hooks";
import type { Page } from "./types";

/** An endpoint as the back office sees it: with its workspace's slug. */
export interface AdminHookEndpoint extends HookEndpoint {
  tenant: string;
}

export interface AdminHookDelivery extends HookDelivery {
  tenant: string;
}

export interface AdminHookEndpointFilters {
  /** A workspace's slug. */
  tenant?: string | null;
  enabled?: boolean | null;
}

export interface AdminHookDeliveryFilters {
  tenant?: string | null;
  endpoint_id?: string | null;
  status?: DeliveryStatus | null;
  event_type?: string | null;
  /** ISO instant: only deliveries created since then. */
  since?: string | null;
}

export function listAdminHookEndpoints(
  filters: AdminHookEndpointFilters,
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<AdminHookEndpoint>> {
  return api.get("/api/admin/hooks/endpoints", { query: { limit: ADMIN_PAGE_SIZE, cursor, ...filters }, signal });
}

/** Newest first; ``status: "failed"`` lists the dead letters. */
export function listAdminHookDeliveries(
  filters: AdminHookDeliveryFilters,
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<AdminHookDelivery>> {
  return api.get("/api/admin/hooks/deliveries", { query: { limit: ADMIN_PAGE_SIZE, cursor, ...filters }, signal });
}

/**
 * One endpoint, for the header of its deliveries. The back office has no single-endpoint read,
 * so it is looked for among its workspace's endpoints (a few pages at most; null when not found).
 */
export async function findAdminHookEndpoint(tenant: string, id: string, signal?: AbortSignal): Promise<AdminHookEndpoint | null> {
  let cursor: string | null = null;
  for (let pages = 0; pages < 5; pages += 1) {
    const page: Page<AdminHookEndpoint> = await listAdminHookEndpoints({ tenant }, cursor, signal);
    const found = page.items.find((endpoint) => endpoint.id === id);
    if (found) return found;
    if (!page.next_cursor) return null;
    cursor = page.next_cursor;
  }
  return null;
}
