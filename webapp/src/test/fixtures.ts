import { setSession } from "../api/client";
import type { Tenant } from "../api/types";

export const testUser = {
  id: 1,
  email: "ada@loom.test",
  confirmed_at: "2025-01-01T00:00:00Z",
  created_at: "2025-01-01T00:00:00Z",
};

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
