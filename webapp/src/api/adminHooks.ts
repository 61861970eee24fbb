/**
 * The back office's view of every workspace's hooks (`/api/admin/hooks`, runtime/hooks/admin_routes.py):
 * lists, one endpoint with its attempts, and turning an endpoint off, on or deleting it (audited as "admin").
 */
import { ADMIN_PAGE_SIZE } from "./admin";
import { api } from "./client";
import type { DeliveryStatus, HookAttempt, HookDelivery, HookEndpoint } from "./hooks";
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

/** A back-office list at `path`: one page of it at a time, with its filters. */
function adminLister<F extends { [K in keyof F]: string | boolean | null | undefined }, T>(path: string) {
  return (filters: F, cursor?: string | null, signal?: AbortSignal): Promise<Page<T>> =>
    api.get(path, { query: { limit: ADMIN_PAGE_SIZE, cursor, ...filters }, signal });
}

export const listAdminHookEndpoints = adminLister<AdminHookEndpointFilters, AdminHookEndpoint>("/api/admin/hooks/endpoints");

/** Newest first; ``status: "failed"`` lists the dead letters. */
export const listAdminHookDeliveries = adminLister<AdminHookDeliveryFilters, AdminHookDelivery>("/api/admin/hooks/deliveries");

/** One endpoint of any workspace, with its workspace's slug (404 when it is gone). */
export function getAdminHookEndpoint(id: string, signal?: AbortSignal): Promise<AdminHookEndpoint> {
  return api.get(`/api/admin/hooks/endpoints/${encodeURIComponent(id)}`, { signal });
}

/** The attempts of one delivery, newest first. */
export function listAdminHookAttempts(deliveryId: string, signal?: AbortSignal): Promise<Page<HookAttempt>> {
  return api.get("/api/admin/hooks/attempts", { query: { delivery_id: deliveryId, limit: 20 }, signal });
}

/** Turn a misbehaving endpoint off, or back on; audited in its workspace's log as done by an administrator. */
export function setAdminHookEnabled(id: string, enabled: boolean): Promise<AdminHookEndpoint> {
  return api.patch(`/api/admin/hooks/endpoints/${encodeURIComponent(id)}`, { enabled });
}

/** Delete an endpoint with its deliveries; audited in its workspace's log. */
export function deleteAdminHookEndpoint(id: string): Promise<void> {
  return api.delete(`/api/admin/hooks/endpoints/${encodeURIComponent(id)}`);
}
