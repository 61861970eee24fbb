/**
 * The back office's outgoing mail (`/api/admin/mail`, runtime/admin/mail_routes.py): dead letters
 * and what is still being retried, across Loom, and sending dead letters again (audited).
 */
import { ADMIN_PAGE_SIZE } from "../../api/admin";
import { api } from "../../api/client";
import type { Page } from "../../api/types";

/** "failed" is a dead letter: given up after about a day of retries, or refused for good. */
export type AdminMailStatus = "failed" | "pending" | "delivering";

export interface AdminMail {
  id: string;
  status: string;
  /** The slug of the workspace whose work queued it; null for Loom's own mail (sign-up, passwords). */
  tenant: string | null;
  recipient: string;
  subject: string;
  template: string | null;
  attempts: number;
  last_error: string | null;
  /** When it was queued. */
  created_at: string;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  /** When it was sent or given up. */
  finished_at: string | null;
}

export interface AdminMailFilters {
  status: AdminMailStatus;
  tenant?: string | null;
}

export interface SendAllAgainResult {
  sent_again: number;
  /** More dead letters may remain: call again. */
  more: boolean;
}

/** Newest first. */
export function listAdminMail(filters: AdminMailFilters, cursor?: string | null, signal?: AbortSignal): Promise<Page<AdminMail>> {
  return api.get("/api/admin/mail", { query: { limit: ADMIN_PAGE_SIZE, cursor, ...filters }, signal });
}

/** One dead letter starts its retry schedule again, now (409 when it is not a dead letter any more). */
export function sendMailAgain(id: string): Promise<AdminMail> {
  return api.post(`/api/admin/mail/${encodeURIComponent(id)}/send-again`);
}

/** Dead letters queued since ``since`` start again, a capped number per call. */
export function sendAllMailAgain(since: string, tenant?: string | null): Promise<SendAllAgainResult> {
  return api.post("/api/admin/mail/send-again", tenant ? { since, tenant } : { since });
}
