/** Hooks: signed calls to a workspace's URLs when something happens (runtime/hooks/routes.py). */
import { api } from "./client";
import type { Page } from "./types";

export const HOOK_PAGE_SIZE = 50;
export const DELIVERY_PAGE_SIZE = 25;

export type DeliveryStatus = "pending" | "delivering" | "succeeded" | "failed";

export interface HookEventType {
  type: string;
  description: string;
}

export interface HookHealth {
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_status_code: number | null;
  /** Failed attempts since the last success. */
  failure_streak: number;
  failing_since: string | null;
}

export interface HookEndpoint {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  /** Blueprint keys, or null for every blueprint. */
  blueprints: string[] | null;
  /** Column keys: updates only when one of them changed; null for any change. */
  fields: string[] | null;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: string | null;
  header_names: string[];
  source: string;
  previous_secret_until: string | null;
  health: HookHealth;
  created_at: string;
  updated_at: string;
}

export interface HookEndpointCreated extends HookEndpoint {
  /** The signing secret, shown this once. */
  secret: string;
}

export interface HookInput {
  url: string;
  description: string | null;
  event_types: string[];
  blueprints: string[] | null;
  fields: string[] | null;
  /** Only sent when changed: the server never shows header values again. */
  headers?: Record<string, string> | null;
  enabled?: boolean;
}

export interface HookDelivery {
  id: string;
  message_id: string;
  endpoint_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  finished_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
}

export interface HookAttempt {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  number: number;
  attempted_at: string;
  duration_ms: number;
  status_code: number | null;
  /** The first 2 KiB of the answer. */
  response_body: string | null;
  error: string | null;
  succeeded: boolean;
}

export interface DeliveryQuery {
  endpoint_id: string;
  status?: DeliveryStatus | null;
  event_type?: string | null;
}

export interface ReplayResult {
  replayed: number;
  more: boolean;
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/hooks`;
const endpoint = (slug: string, id: string) => `${base(slug)}/endpoints/${encodeURIComponent(id)}`;

export function listHookEvents(slug: string, signal?: AbortSignal): Promise<HookEventType[]> {
  return api.get(`${base(slug)}/events`, { signal });
}

export function listHooks(slug: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<HookEndpoint>> {
  return api.get(`${base(slug)}/endpoints`, { query: { limit: HOOK_PAGE_SIZE, cursor }, signal });
}

export function getHook(slug: string, id: string, signal?: AbortSignal): Promise<HookEndpoint> {
  return api.get(endpoint(slug, id), { signal });
}

export function createHook(slug: string, input: HookInput): Promise<HookEndpointCreated> {
  return api.post(`${base(slug)}/endpoints`, input);
}

export function updateHook(slug: string, id: string, changes: Partial<HookInput>): Promise<HookEndpoint> {
  return api.patch(endpoint(slug, id), changes);
}

export function deleteHook(slug: string, id: string): Promise<void> {
  return api.delete(endpoint(slug, id));
}

export function rotateHookSecret(slug: string, id: string): Promise<{ secret: string; previous_secret_until: string }> {
  return api.post(`${endpoint(slug, id)}/rotate-secret`);
}

export function sendTestEvent(slug: string, id: string): Promise<{ message_id: string; webhook_id: string }> {
  return api.post(`${endpoint(slug, id)}/test`);
}

export function listDeliveries(slug: string, query: DeliveryQuery, cursor?: string | null, signal?: AbortSignal): Promise<Page<HookDelivery>> {
  return api.get(`${base(slug)}/deliveries`, {
    query: {
      endpoint_id: query.endpoint_id,
      status: query.status || undefined,
      event_type: query.event_type || undefined,
      limit: DELIVERY_PAGE_SIZE,
      cursor,
    },
    signal,
  });
}

export function listAttempts(slug: string, deliveryId: string, signal?: AbortSignal): Promise<Page<HookAttempt>> {
  return api.get(`${base(slug)}/attempts`, { query: { delivery_id: deliveryId, limit: 20 }, signal });
}

/** Sends one message again to this endpoint, from the start of the retry schedule. */
export function replayMessage(slug: string, messageId: string, endpointId: string): Promise<ReplayResult> {
  return api.post(`${base(slug)}/messages/${encodeURIComponent(messageId)}/replay`, { endpoint_id: endpointId });
}

/** Sends again every failed delivery of this endpoint created since ``since``. */
export function replayFailedSince(slug: string, endpointId: string, since: string): Promise<ReplayResult> {
  return api.post(`${base(slug)}/replay`, { endpoint_id: endpointId, since });
}
