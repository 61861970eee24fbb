import { api } from "./client";
import { getSession } from "./session";

export interface LinkedIdentity {
  provider: string;
  /** What the provider said at link time; some give none. */
  email: string | null;
  created_at: string;
}

/**
 * Leaves for the provider's sign-in page. The server remembers why (signing in or
 * linking to the signed-in account) and sends the browser back to the app afterwards.
 */
export async function startSocial(provider: string, intent: "signin" | "link", next?: string): Promise<void> {
  const { authorize_url: url } = await api.post<{ authorize_url: string }>(
    `/api/auth/social/${encodeURIComponent(provider)}/start`,
    { intent, ...(next ? { next } : {}) },
    { auth: intent === "link" || getSession().status === "signed-in" },
  );
  window.location.assign(url);
}

export function listLinkedIdentities(): Promise<{ items: LinkedIdentity[]; has_password: boolean }> {
  return api.get("/api/auth/social");
}

export function unlinkIdentity(provider: string): Promise<void> {
  return api.delete(`/api/auth/social/${encodeURIComponent(provider)}`);
}
