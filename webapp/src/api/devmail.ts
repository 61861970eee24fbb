import { api } from "./client";
import type { MailMessage, MailSummary, Page } from "./types";

export function listMail(signal?: AbortSignal): Promise<Page<MailSummary>> {
  return api.get("/api/dev/mailbox", { auth: false, query: { limit: 50 }, signal });
}

export function getMail(id: string, signal?: AbortSignal): Promise<MailMessage> {
  return api.get(`/api/dev/mailbox/${encodeURIComponent(id)}`, { auth: false, signal });
}
