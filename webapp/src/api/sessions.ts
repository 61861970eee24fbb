import { api } from "./client";

/** One place where the user is signed in: a refresh token family. */
export interface SignInSession {
  id: number | string;
  /** The browser and system it was started from, as far as the server could tell. */
  name: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  /** The session of this browser. */
  current: boolean;
}

export function listSessions(): Promise<{ items: SignInSession[] }> {
  return api.get("/api/auth/sessions");
}

/** Sign out of every session, this browser's included: every token of the user stops working. */
export function revokeAllSessions(): Promise<void> {
  return api.delete("/api/auth/sessions");
}

export function revokeSession(id: SignInSession["id"]): Promise<void> {
  return api.delete(`/api/auth/sessions/${encodeURIComponent(String(id))}`);
}
