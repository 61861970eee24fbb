/**
 * A flow designed as steps: a table of transitions between the options of a
 * state column, stored with the flow's draft (the server turns it into BPMN).
 */
import { api } from "./client";
import type { Flow, FlowInput } from "./flows";

export type StepsOperator = "+" | "-" | "*" | "/";

export interface FieldValue {
  kind: "field";
  field: string;
}

export interface LiteralValue {
  kind: "literal";
  value: unknown;
}

export interface DurationValue {
  kind: "duration";
  days: number;
  hours: number;
  minutes: number;
}

export interface TextPart {
  kind: "text";
  value: string;
}

export type Operand = FieldValue | LiteralValue;

export type StepsValue =
  | LiteralValue
  | { kind: "now" }
  | { kind: "today" }
  | { kind: "actor" }
  | FieldValue
  | { kind: "calc"; left: Operand; op: StepsOperator; right: Operand | DurationValue }
  | { kind: "join"; parts: (FieldValue | TextPart)[] }
  | { kind: "clear" };

export type StepsValueKind = StepsValue["kind"];

export interface StepsUpdate {
  field: string;
  value: StepsValue;
}

export type StepsWho =
  | { kind: "role"; role: string }
  | { kind: "member"; email: string }
  | { kind: "field"; field: string }
  | { kind: "anyone" };

export interface StepsTransition {
  id: string;
  label: string;
  from: string[];
  to: string;
  who: StepsWho;
  form: string[];
  updates: StepsUpdate[];
  /** A filter tree as the grid's filter builder makes it ({"and": [...]} / {"or": [...]}), or null. */
  condition: unknown;
}

export interface StepsTimer {
  id: string;
  state: string;
  after: { days: number; hours: number; minutes: number };
  to: string;
  updates: StepsUpdate[];
}

export interface Steps {
  version: 1;
  /** Key of a choice column of the bound blueprint. */
  state: string;
  initial?: string | null;
  transitions: StepsTransition[];
  timers?: StepsTimer[];
}

export interface StepsAnswer {
  /** null when the draft's diagram does not fit the table; `note` says why. */
  steps: Steps | null;
  note: string | null;
  lock_version: number;
}

const one = (slug: string, key: string) => `/api/tenants/${encodeURIComponent(slug)}/flows/${encodeURIComponent(key)}/steps`;

export function getSteps(slug: string, key: string, signal?: AbortSignal): Promise<StepsAnswer> {
  return api.get(one(slug, key), { signal });
}

/** Stores the steps (and the diagram made from them) as the draft; answers with the flow. */
export function saveSteps(slug: string, key: string, steps: Steps, lockVersion: number): Promise<Flow> {
  return api.request(one(slug, key), { method: "PUT", body: { steps, lock_version: lockVersion } });
}

/** A new flow started from steps instead of a template or a diagram. */
export function createFlowFromSteps(slug: string, input: Omit<FlowInput, "xml" | "template"> & { steps: Steps }): Promise<Flow> {
  return api.post(`/api/tenants/${encodeURIComponent(slug)}/flows`, input);
}
