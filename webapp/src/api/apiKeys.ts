/** API keys: let other programs use a workspace's API with a role (runtime/apikeys/routes.py). */
import { api } from "./client";
import type { IdentityProof, Page } from "./types";

export const API_KEY_PAGE_SIZE = 50;
export const API_KEY_ROLES = ["admin", "editor", "viewer"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
export type ApiKeyState = "active" | "expired" | "revoked" | "creator_left";

export interface ApiKey {
  id: string;
  name: string;
  role: ApiKeyRole;
  effective_role: string | null;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  state: ApiKeyState;
  created_by: { id: number | null; email: string | null } | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ApiKeyCreated extends ApiKey {
  /** The whole key, shown this once. */
  secret: string | null;
}

export interface ApiKeyInput {
  name: string;
  role: ApiKeyRole;
  expires_at: string | null;
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/api-keys`;

export function listApiKeys(slug: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<ApiKey>> {
  return api.get(base(slug), { query: { limit: API_KEY_PAGE_SIZE, cursor }, signal });
}

/** Needs the same proof as other sensitive changes: the password and the authenticator's code. */
export function createApiKey(slug: string, input: ApiKeyInput, proof: IdentityProof): Promise<ApiKeyCreated> {
  return api.post(base(slug), { ...input, ...proof });
}

/** Stops the key at once; it stays listed as revoked. */
export function revokeApiKey(slug: string, id: string): Promise<void> {
  return api.delete(`${base(slug)}/${encodeURIComponent(id)}`);
}
