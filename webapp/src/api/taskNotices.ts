/**
 * Telling people about tasks that wait for them: the count on the Inbox's badge
 * (`GET /inbox/count`, the inbox's "for me" filter counted) and the account's switch for the
 * email sent when a task names them (`GET`/`PATCH /api/account`, which also holds the person's language).
 */
import { api } from "./client";

/** `GET /api/tenants/<slug>/inbox/count`: what the inbox lists for assignee=me, counted up to 100. */
export interface WaitingCount {
  count: number;
  /** 100 or more wait: show "99+". */
  more: boolean;
}

/**
 * Under the inbox's own key (`["inbox", slug]`): whatever refreshes the inbox after a
 * transition, a claim or a start refreshes the badge too.
 */
export const waitingCountKey = (slug: string) => ["inbox", slug, "count"] as const;

export function getWaitingCount(slug: string, signal?: AbortSignal): Promise<WaitingCount> {
  return api.get(`/api/tenants/${encodeURIComponent(slug)}/inbox/count`, { signal });
}

/** `GET /api/account`: the signed-in person's settings. */
export interface AccountSettings {
  email: string;
  /** The language the person chose for pages and emails; null: the workspace's, else the browser's. */
  language: string | null;
  /** Email me when a task in one of my workspaces waits for me by name. */
  notify_tasks: boolean;
}

export const accountSettingsKey = ["account", "settings"] as const;

export function getAccountSettings(signal?: AbortSignal): Promise<AccountSettings> {
  return api.get("/api/account", { signal });
}

export function updateAccountSettings(changes: { notify_tasks?: boolean; language?: string | null }): Promise<AccountSettings> {
  return api.patch("/api/account", changes);
}
