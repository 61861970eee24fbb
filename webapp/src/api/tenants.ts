import { api } from "./client";
import type { Page, Tenant, TenantInput } from "./types";

export const TENANT_PAGE_SIZE = 50;

const path = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;

export function listTenants(cursor?: string | null, signal?: AbortSignal): Promise<Page<Tenant>> {
  return api.get("/api/tenants", { query: { limit: TENANT_PAGE_SIZE, cursor }, signal });
}

export function getTenant(slug: string, signal?: AbortSignal): Promise<Tenant> {
  return api.get(path(slug), { signal });
}

export function createTenant(input: TenantInput): Promise<Tenant> {
  return api.post("/api/tenants", input);
}

export function updateTenant(slug: string, changes: Partial<TenantInput>): Promise<Tenant> {
  return api.patch(path(slug), changes);
}
