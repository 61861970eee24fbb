/** What the back office's tests share: the admin, a workspace, and the status of a hardened admin. */
import type { User } from "../api/types";

/** An expiry an hour from now. */
export const later = () => new Date(Date.now() + 3_600_000).toISOString();
export const root: User = { id: 1, email: "admin@loom.test", confirmed_at: "2026-11-20T00:00:00Z", created_at: "2026-11-20T00:00:00Z", admin: true };
export const workspace = { id: "t1", name: "Acme", slug: "acme", timezone: "Europe/Berlin", language: "en", created_at: "2026-11-20T00:00:00Z", members: 2 };
export const hardened = { "GET /api/admin/status": { email: root.email, next_step: null } };
