/**
 * Connector steps of flows (a service task that sends an HTTP request or an
 * email): what a record's steps did, and the workspace's signing secret that
 * receivers verify the requests with (Standard Webhooks).
 */
import { api } from "./client";

export type ConnectorCallStatus = "pending" | "delivering" | "succeeded" | "failed" | "closed";

/** One connector step a record's flow reached; never its request or the answer's body. */
export interface ConnectorCall {
  id: string;
  instance_id: string;
  /** The flow's name. */
  flow: string;
  /** The service task's BPMN id, and its name in the diagram. */
  element: string;
  name: string | null;
  kind: "http" | "email";
  status: ConnectorCallStatus;
  attempts: number;
  last_error: string | null;
  /** The HTTP status of the last answer, when there was one. */
  response_status: number | null;
  created_at: string;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  finished_at: string | null;
}

const tenant = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;

/** The record's connector calls, newest first (the newest 100). */
export function getConnectorCalls(slug: string, entityId: string, signal?: AbortSignal): Promise<{ items: ConnectorCall[] }> {
  return api.get(`${tenant(slug)}/entities/${encodeURIComponent(entityId)}/connector-calls`, { signal });
}

/** The workspace's connector signing secret (owners and admins), asked for when someone presses "Show". */
export function showConnectorSecret(slug: string): Promise<{ secret: string }> {
  return api.post(`${tenant(slug)}/connector-secret`);
}
