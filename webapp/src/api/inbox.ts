/**
 * Flows at run time: a record's flow instances and history, the inbox of
 * waiting user tasks, and the transition itself (`POST /inbox/<id>/complete`),
 * which the record page and the inbox both use. The designer's endpoints live
 * in flows.ts.
 */
import type { Column } from "./blueprints";
import { api } from "./client";
import type { Entity, EntityData } from "./entities";
import type { Page } from "./types";

export const INBOX_PAGE_SIZE = 50;

export interface FlowRef {
  key: string;
  name: string;
}

export interface UserRef {
  id: number;
  email: string;
}

/** One waiting user task: a transition someone can press. */
export interface InboxItem {
  id: string;
  instance_id: string;
  flow: FlowRef;
  /** BPMN id of the user task. */
  element: string;
  /** The transition's button label. */
  label: string;
  /** The form's fields, in order; none means one click. */
  fields: Column[];
  /** Tenant role required (that role or a stronger one); null = any editor. */
  role: string | null;
  /** The member (email) who may do it; null = anyone with the role. */
  member: string | null;
  assignee: UserRef | null;
  due_at: string | null;
  created_at: string;
  /** The caller may press it (role, member and claims checked by the server). */
  can_complete: boolean;
  entity: { id: string; blueprint: FlowRef; title: string | null; data: EntityData; version: number };
}

export type InstanceStatus = "running" | "completed" | "failed";

export interface Instance {
  id: string;
  flow: FlowRef;
  /** The flow version's number. */
  version: number;
  status: InstanceStatus;
  /** What stopped it (status "failed"): a step after a timer failed. */
  error: {
    message: string;
    element: string | null;
    name: string | null;
    at: string;
    /** The refusal's code and params, when it is one (shown in the user's language). */
    code?: string | null;
    params?: Record<string, unknown> | null;
  } | null;
  lock: number;
  waiting: InboxItem[];
  started_at: string;
  completed_at: string | null;
}

export interface HistoryChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  id: string;
  at: string;
  /** Null: the system did it (a timer). */
  user: UserRef | null;
  flow: FlowRef;
  /** "message" and "signal": one arrived (``label`` is its name) and the record moved on. */
  kind: "started" | "transition" | "timer" | "connector" | "message" | "signal" | "completed" | "moved" | "placed" | "failed";
  element: string | null;
  label: string | null;
  changes: HistoryChange[];
}

/** A steps flow in which the record's state has no place: not in it yet, waiting elsewhere, or no state at all. */
export interface Misplaced {
  flow: FlowRef;
  /** The state column. */
  field: string;
  field_label: string;
  value: string;
  value_label: string;
  /** Labels of the states its instance waits in (none: finished or not started). */
  waits_at: string[];
  reason: "not_started" | "elsewhere" | "no_place";
  message: string;
  /** The caller may place it at the state its value names (owners and admins). */
  can_place: boolean;
}

/** `GET /entities/<id>/flows`: history newest first, at most 100 entries. */
export interface RecordFlows {
  instances: Instance[];
  /** Published flows of the record's blueprint it has no instance of yet. */
  startable: FlowRef[];
  history: HistoryEntry[];
  /** The choice column a published steps flow keeps the record's state in (absent on older servers). */
  state_field?: string | null;
  state_flow?: FlowRef | null;
  /** Fields the published flows write, each with the writing flow's name. */
  flow_fields?: Record<string, string>;
  /** People may edit those fields by hand anyway (a blueprint option). */
  flow_fields_editable?: boolean;
  misplaced?: Misplaced[];
}

export interface CompleteResult {
  entity: Entity;
  instance: Instance;
}

export type DueFilter = "overdue" | "today" | "week";

/** The inbox's filters; empty ones are left out of the query string. */
export interface InboxQuery {
  flow?: string | null;
  blueprint?: string | null;
  /** "me", "unassigned" or a user id. */
  assignee?: string | null;
  due?: DueFilter | null;
  /** JSON filter tree on the record's fields, already serialized; needs `blueprint`. */
  filter?: string | null;
  limit?: number;
}

/** A flow as the inbox's flow filter lists it (from the designer's list). */
export interface FlowChoice extends FlowRef {
  blueprint: FlowRef;
}

const tenant = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;
const item = (slug: string, id: string) => `${tenant(slug)}/inbox/${encodeURIComponent(id)}`;
const recordFlows = (slug: string, id: string) => `${tenant(slug)}/entities/${encodeURIComponent(id)}/flows`;

export function getRecordFlows(slug: string, entityId: string, signal?: AbortSignal): Promise<RecordFlows> {
  return api.get(recordFlows(slug, entityId), { signal });
}

/** Starts a published flow for a record that existed before the flow was published. */
export function startFlow(slug: string, entityId: string, flow: string): Promise<Instance> {
  return api.post(recordFlows(slug, entityId), { flow });
}

/** Places a record whose state has no place in a steps flow at the state its value names (owners and admins). */
export function placeRecord(slug: string, entityId: string, flow: string): Promise<Instance> {
  return api.post(`${recordFlows(slug, entityId)}/place`, { flow });
}

/** Runs a stopped flow's failed step again; the instance answers whether it runs or stopped again. */
export function retryInstance(slug: string, entityId: string, instanceId: string): Promise<Instance> {
  return api.post(`${recordFlows(slug, entityId)}/${encodeURIComponent(instanceId)}/retry`);
}

/** The query string of `GET /inbox`: the filter only goes with a blueprint. */
export function inboxParams(query: InboxQuery, cursor?: string | null): Record<string, string | number | undefined> {
  return {
    flow: query.flow || undefined,
    blueprint: query.blueprint || undefined,
    assignee: query.assignee || undefined,
    due: query.due || undefined,
    filter: query.blueprint && query.filter ? query.filter : undefined,
    limit: query.limit ?? INBOX_PAGE_SIZE,
    cursor: cursor || undefined,
  };
}

/** Waiting tasks, oldest first, a page at a time (keyset cursor). */
export function listInbox(slug: string, query: InboxQuery, cursor?: string | null, signal?: AbortSignal): Promise<Page<InboxItem>> {
  return api.get(`${tenant(slug)}/inbox`, { query: inboxParams(query, cursor), signal });
}

export function claimItem(slug: string, id: string): Promise<InboxItem> {
  return api.post(`${item(slug, id)}/claim`);
}

export function unclaimItem(slug: string, id: string): Promise<InboxItem> {
  return api.post(`${item(slug, id)}/unclaim`);
}

/** Does the transition: runs the flow on to its next waiting steps and saves the record. */
export function completeItem(slug: string, id: string, data: EntityData): Promise<CompleteResult> {
  return api.post(`${item(slug, id)}/complete`, { data });
}

/** The workspace's flows for the inbox's flow filter (first 100, by name). */
export function listFlowChoices(slug: string, signal?: AbortSignal): Promise<Page<FlowChoice>> {
  return api.get(`${tenant(slug)}/flows`, { query: { limit: 100 }, signal });
}
