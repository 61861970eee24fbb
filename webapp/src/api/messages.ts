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

export interface MessageFilter {
  status: MessageStatus | null;
  /** A flow's key: only the messages its published diagram waits for, by name. */
  flow?: string | null;
}

export function listMessages(slug: string, filter: MessageFilter, cursor?: string | null, signal?: AbortSignal): Promise<Page<FlowMessage>> {
  const query = { status: filter.status ?? undefined, flow: filter.flow ?? undefined, limit: MESSAGE_PAGE_SIZE, cursor };
  return api.get(`${tenant(slug)}/messages`, { query, signal });
}

export function getInboundHook(slug: string, flowKey: string, signal?: AbortSignal): Promise<InboundHook> {
  return api.get(hookPath(slug, flowKey), { signal });
}

export function createInboundHook(slug: string, flowKey: string, input: InboundHookInput): Promise<InboundHookCreated> {
  return api.post(hookPath(slug, flowKey), input);
}

/** Changes the hook's message name or mappings; the address and the secret stay. A message name
 * the flow's published diagram does not wait for is refused (422 on message_name, with `names`). */
export function updateInboundHook(slug: string, flowKey: string, input: Partial<InboundHookInput>): Promise<InboundHook> {
  return api.patch(hookPath(slug, flowKey), input);
}

export function rotateInboundSecret(slug: string, flowKey: string): Promise<{ secret: string }> {
  return api.post(`${hookPath(slug, flowKey)}/rotate-secret`);
}

export function deleteInboundHook(slug: string, flowKey: string): Promise<void> {
  return api.delete(hookPath(slug, flowKey));
}
