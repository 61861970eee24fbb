/** The back office (`/api/admin`): super admins only, once their account is hardened. */
import type { AuditEvent, AuditFilters } from "./audit";
import type { Blueprint, BlueprintSummary, BlueprintVersion } from "./blueprints";
import { api } from "./client";
import type { Entity, EntityData, EntityPage, EntityQuery } from "./entities";
import type { FlowSummary } from "./flows";
import type { Job, JobStatus } from "./jobs";
import type { Page } from "./types";

export const ADMIN_PAGE_SIZE = 50;

/** What the admin must do before anything else works, in this order. */
export type HardeningStep = "change_password" | "confirm_email" | "two_factor_setup";
export const HARDENING_STEPS: readonly HardeningStep[] = ["change_password", "confirm_email", "two_factor_setup"];

export interface AdminStatus {
  email: string;
  next_step: HardeningStep | null;
}

export interface AdminUser {
  id: number;
  email: string;
  active: boolean;
  confirmed_at: string | null;
  created_at: string;
  last_login_at: string | null;
  two_factor: boolean;
  admin: boolean;
  workspaces: { slug: string; name: string; role: string }[];
}

export interface AdminTenant {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  language: string;
  created_at: string;
  members: number;
}

export type InstanceStatus = "running" | "completed" | "failed";

export interface AdminInstance {
  id: string;
  flow: { key: string; name: string };
  version: number;
  status: InstanceStatus;
  error: {
    message: string;
    element?: string | null;
    name?: string | null;
    at?: string;
    code?: string | null;
    params?: Record<string, unknown> | null;
  } | null;
  entity_id: string;
  started_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface AdminJob extends Job {
  tenant: string | null;
  created_by: string | null;
}

const tenantBase = (slug: string) => `/api/admin/tenants/${encodeURIComponent(slug)}`;
const entityPath = (slug: string, id: string) => `${tenantBase(slug)}/entities/${encodeURIComponent(id)}`;

export function getAdminStatus(signal?: AbortSignal): Promise<AdminStatus> {
  return api.get("/api/admin/status", { signal });
}

export function listUsers(
  filters: { q?: string; active?: boolean | null },
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<AdminUser>> {
  return api.get("/api/admin/users", { query: { limit: ADMIN_PAGE_SIZE, cursor, q: filters.q || undefined, active: filters.active }, signal });
}

export function getUser(id: string, signal?: AbortSignal): Promise<AdminUser> {
  return api.get(`/api/admin/users/${encodeURIComponent(id)}`, { signal });
}

export function setUserActive(id: number, active: boolean): Promise<AdminUser> {
  return api.patch(`/api/admin/users/${id}`, { active });
}

/** For someone whose confirmation email never arrived. */
export function confirmUserEmail(id: number): Promise<AdminUser> {
  return api.patch(`/api/admin/users/${id}`, { confirmed: true });
}

/** A lost phone: two-step sign-in off (the person is told by email and sets it up again). */
export function resetUserTwoFactor(id: number): Promise<AdminUser> {
  return api.post(`/api/admin/users/${id}/two-factor/reset`);
}

/** Closes the account now; a background job deletes everything it holds. */
export function deleteUser(id: number): Promise<Job> {
  return api.delete(`/api/admin/users/${id}`);
}

export function listTenants(q: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<AdminTenant>> {
  return api.get("/api/admin/tenants", { query: { limit: ADMIN_PAGE_SIZE, cursor, q: q || undefined }, signal });
}

export function getTenant(slug: string, signal?: AbortSignal): Promise<AdminTenant> {
  return api.get(tenantBase(slug), { signal });
}

/** Deletes a workspace and everything in it, in the background; its members lose it at once. */
export function deleteTenant(slug: string): Promise<AdminJob> {
  return api.delete(tenantBase(slug));
}

export function listTenantBlueprints(slug: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<BlueprintSummary>> {
  return api.get(`${tenantBase(slug)}/blueprints`, { query: { limit: ADMIN_PAGE_SIZE, cursor }, signal });
}

export function getTenantBlueprint(slug: string, key: string, signal?: AbortSignal): Promise<Blueprint> {
  return api.get(`${tenantBase(slug)}/blueprints/${encodeURIComponent(key)}`, { signal });
}

export function getTenantBlueprintVersion(slug: string, key: string, number: number, signal?: AbortSignal): Promise<BlueprintVersion> {
  return api.get(`${tenantBase(slug)}/blueprints/${encodeURIComponent(key)}/versions/${number}`, { signal });
}

export function listTenantFlows(slug: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<FlowSummary>> {
  return api.get(`${tenantBase(slug)}/flows`, { query: { limit: ADMIN_PAGE_SIZE, cursor }, signal });
}

export function listTenantEntities(slug: string, query: EntityQuery, cursor?: string | null, signal?: AbortSignal): Promise<EntityPage> {
  return api.get(`${tenantBase(slug)}/entities`, {
    query: { blueprint: query.blueprint, limit: ADMIN_PAGE_SIZE, cursor, q: query.q || undefined },
    signal,
  });
}

export function getTenantEntity(slug: string, id: string, signal?: AbortSignal): Promise<Entity> {
  return api.get(entityPath(slug, id), { signal });
}

export function updateTenantEntity(slug: string, id: string, version: number, data: EntityData): Promise<Entity> {
  return api.patch(entityPath(slug, id), { version, data });
}

export function deleteTenantEntity(slug: string, id: string, version: number): Promise<void> {
  return api.delete(entityPath(slug, id), { query: { version } });
}

export function listInstances(
  slug: string,
  filters: { status?: InstanceStatus | null; flow?: string | null },
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<AdminInstance>> {
  return api.get(`${tenantBase(slug)}/instances`, { query: { limit: ADMIN_PAGE_SIZE, cursor, ...filters }, signal });
}

/** Runs the failed step of a stopped instance again; the answer says whether it runs or stopped again. */
export function retryInstance(slug: string, id: string): Promise<AdminInstance> {
  return api.post(`${tenantBase(slug)}/instances/${encodeURIComponent(id)}/retry`);
}

export function listJobs(
  filters: { status?: JobStatus | null; kind?: string | null; tenant?: string | null },
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<AdminJob>> {
  return api.get("/api/admin/jobs", { query: { limit: ADMIN_PAGE_SIZE, cursor, ...filters }, signal });
}

export interface AdminAuditFilters extends AuditFilters {
  tenant?: string | null;
  target_type?: string | null;
  target_id?: string | null;
}

export function listAdminAudit(filters: AdminAuditFilters, cursor?: string | null, signal?: AbortSignal): Promise<Page<AuditEvent>> {
  return api.get("/api/admin/audit", { query: { limit: ADMIN_PAGE_SIZE, cursor, ...filters }, signal });
}
