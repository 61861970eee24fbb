/** Messages from outside: the kept messages, and a flow's inbound hook (runtime/messages/routes.py). */
import { api } from "./client";
import type { Page } from "./types";

export const MESSAGE_PAGE_SIZE = 25;

export type MessageStatus = "pending" | "delivered" | "unmatched" | "ambiguous" | "failed";

export interface FlowMessage {
  id: string;
  kind: "message" | "signal";
  name: string;
  correlation: Record<string, unknown>;
  values: Record<string, unknown>;
  /** "api", "hook:<flow key>" or "flow:<flow key>". */
  source: string;
  status: MessageStatus;
  matched: string[];
  error: string | null;
  created_at: string;
  expires_at: string;
  delivered_at: string | null;
}

export interface InboundHook {
  /** Where other systems POST signed requests. */
  url: string;
  message_name: string;
  /** Correlation key → dotted path of a body member. */
  correlation: Record<string, string>;
  /** Value name → dotted path; null: every top-level member of the body. */
  values: Record<string, string> | null;
  created_at: string;
  rotated_at: string | null;
}

export interface InboundHookCreated extends InboundHook {
  /** The signing secret (whsec_…), shown this once. */
  secret: string;
}

export interface InboundHookInput {
  message_name: string;
  correlation: Record<string, string>;
  values?: Record<string, string> | null;
}

const tenant = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;
const hookPath = (slug: string, flowKey: string) => `${tenant(slug)}/flows/${encodeURIComponent(flowKey)}/inbound-hook`;

export function listMessages(slug: string, status: MessageStatus | null, cursor?: string | null, signal?: AbortSignal): Promise<Page<FlowMessage>> {
  return api.get(`${tenant(slug)}/messages`, { query: { status: status ?? undefined, limit: MESSAGE_PAGE_SIZE, cursor }, signal });
}

export function getInboundHook(slug: string, flowKey: string, signal?: AbortSignal): Promise<InboundHook> {
  return api.get(hookPath(slug, flowKey), { signal });
}

export function createInboundHook(slug: string, flowKey: string, input: InboundHookInput): Promise<InboundHookCreated> {
  return api.post(hookPath(slug, flowKey), input);
}

export function rotateInboundSecret(slug: string, flowKey: string): Promise<{ secret: string }> {
  return api.post(`${hookPath(slug, flowKey)}/rotate-secret`);
}

export function deleteInboundHook(slug: string, flowKey: string): Promise<void> {
  return api.delete(hookPath(slug, flowKey));
}
