import { setSession } from "../api/client";
import type { AdminUser } from "../api/admin";
import type { Blueprint, BlueprintSummary, BlueprintVersion, Column } from "../api/blueprints";
import type { Entity } from "../api/entities";
import type { HookEndpoint } from "../api/hooks";
import type { Job } from "../api/jobs";
import type { Tenant } from "../api/types";

export const testUser = {
  id: 1,
  email: "ada@loom.test",
  confirmed_at: "2025-01-01T00:00:00Z",
  created_at: "2025-01-01T00:00:00Z",
  // Ada chose English, so the pages stay English in workspaces whose language is German.
  language: "en",
};

/** A column of the given type, optional, without default, help or rules unless given. */
export function column(key: string, label: string, type: Column["type"], extra: Partial<Column> = {}): Column {
  return { key, label, type, required: false, default: null, help_text: "", rules: {}, ...extra };
}

/** Starts every test signed in as Ada, with a token valid for an hour. */
export function signIn(): void {
  const later = new Date(Date.now() + 3_600_000).toISOString();
  setSession({ user: testUser, access_token: "tok", access_expires_at: later, refresh_expires_at: later });
}

export function tenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: 1,
    name: "X Delivery System",
    slug: "x-delivery-system",
    timezone: "Europe/Berlin",
    language: "de",
    role: "owner",
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
    ...overrides,
  };
}

export function blueprintSummary(overrides: Partial<BlueprintSummary> = {}): BlueprintSummary {
  return {
    id: 11,
    key: "stock_item",
    name: "Stock item",
    description: "",
    published_version: { id: 21, number: 1, published_at: "2025-07-01T10:00:00.000000Z" },
    draft_changed: false,
    entity_count: 2,
    lock_version: 3,
    created_at: "2025-07-01T09:00:00.000000Z",
    updated_at: "2025-07-01T10:00:00.000000Z",
    ...overrides,
  };
}

export const stockColumns: Column[] = [
  {
    key: "type",
    label: "Type",
    type: "choice",
    required: true,
    default: null,
    help_text: "",
    rules: {},
    options: [
      { value: "BOX", label: "BOX", color: "blue" },
      { value: "PALLET", label: "PALLET", color: "orange" },
    ],
  },
  { key: "space", label: "Space", type: "text", required: false, default: null, help_text: "Shelf or room", rules: {} },
  { key: "weight", label: "Weight", type: "decimal", required: false, default: null, help_text: "", rules: {} },
  { key: "qty", label: "Qty", type: "integer", required: false, default: null, help_text: "", rules: {} },
  { key: "timestamp", label: "Timestamp", type: "datetime", required: false, default: null, help_text: "", rules: {} },
];

export function blueprint(overrides: Partial<Blueprint> = {}): Blueprint {
  return {
    ...blueprintSummary(),
    draft: { columns: stockColumns, form: null },
    versions: [{ id: 21, number: 1, published_at: "2025-07-01T10:00:00.000000Z", entity_count: 2 }],
    ...overrides,
  };
}

export function version(overrides: Partial<BlueprintVersion> = {}): BlueprintVersion {
  return { id: 21, number: 1, columns: stockColumns, form: null, published_at: "2025-07-01T10:00:00.000000Z", entity_count: 2, ...overrides };
}

export function entity(overrides: Partial<Entity> = {}): Entity {
  return {
    id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0001",
    blueprint: "stock_item",
    blueprint_version: { id: 21, number: 1 },
    data: { type: "BOX", space: "A1", weight: "12.50", qty: 4, timestamp: "2025-07-15T10:00:00.000000Z" },
    version: 1,
    created_at: "2025-07-15T10:00:00.000000Z",
    updated_at: "2025-07-15T10:00:00.000000Z",
    ...overrides,
  };
}

export function job<R = Record<string, unknown>>(overrides: Partial<Job<R>> = {}): Job<R> {
  return {
    id: "job-1",
    kind: "export",
    status: "queued",
    done: 0,
    total: 0,
    result: null,
    error: null,
    params: {},
    created_at: "2025-07-20T10:00:00Z",
    finished_at: null,
    ...overrides,
  };
}

/** An account as the back office lists it: Ada, owner of Acme. */
export function adminUser(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    id: 7,
    email: "ada@loom.test",
    active: true,
    confirmed_at: "2026-11-20T00:00:00Z",
    created_at: "2026-11-20T00:00:00Z",
    last_login_at: null,
    two_factor: false,
    admin: false,
    workspaces: [{ slug: "acme", name: "Acme", role: "owner" }],
    ...overrides,
  };
}

/** What every records page of the stock_item blueprint asks first: the workspace, the list of workspaces, the blueprint and its version 1. */
export function stockItemCalls(workspace: Tenant): Record<string, object> {
  const base = `/api/tenants/${workspace.slug}`;
  return {
    [`GET ${base}`]: workspace,
    "GET /api/tenants": { items: [workspace], next_cursor: null },
    [`GET ${base}/blueprints/stock_item`]: blueprint(),
    [`GET ${base}/blueprints/stock_item/versions/1`]: version(),
  };
}

/** A hook to Warehouse for new records, on and in the app's hands, whose last calls failed. */
export function hookEndpoint(overrides: Partial<HookEndpoint> = {}): HookEndpoint {
  return {
    id: "7d1c1f9e-0000-4000-8000-000000000001",
    url: "https://example.com/loom",
    description: "Warehouse",
    event_types: ["record.created"],
    blueprints: null,
    fields: null,
    enabled: true,
    disabled_reason: null,
    disabled_at: null,
    header_names: [],
    source: "app",
    previous_secret_until: null,
    health: { last_attempt_at: "2025-07-03T10:00:00Z", last_success_at: "2025-07-03T09:00:00Z", last_status_code: 500, failure_streak: 2, failing_since: "2025-07-03T09:30:00Z" },
    created_at: "2025-07-01T08:00:00Z",
    updated_at: "2025-07-01T08:00:00Z",
    ...overrides,
  };
}
