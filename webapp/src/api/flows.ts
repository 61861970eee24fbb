/**
 * Flows at design time: drawing, saving, publishing and versions of a flow
 * (BPMN 2.0 bound to a blueprint), its templates, and moving running
 * instances to the published version. Run time (instances, inbox) is in inbox.ts.
 */
import { ApiError } from "./client";
import { api } from "./client";
import type { Job } from "./jobs";
import type { PublishPreviewBase } from "./publish";
import type { Page } from "./types";
import { refusalOf } from "../app/components/refusalText";

export const FLOW_PAGE_SIZE = 50;

export interface FlowRef {
  key: string;
  name: string;
}

/** Something that stops a draft from being published, on the BPMN element it concerns. */
export interface FlowProblem {
  element: string | null;
  /** English; the webapp shows `code` with `params` in the user's language (refusalText). */
  message: string;
  line: number | null;
  code?: string | null;
  params?: Record<string, unknown> | null;
}

export interface FlowVersionRef {
  id: string;
  number: number;
  published_at: string;
}

export interface FlowSummary {
  id: string;
  key: string;
  name: string;
  description: string;
  blueprint: FlowRef;
  published_version: FlowVersionRef | null;
  /** The draft differs from the published version. */
  draft_changed: boolean;
  /** Sent back on PATCH and publish; a stale one gets 409. */
  lock_version: number;
  /** Instances not yet completed, on any version. */
  running_count: number;
  created_at: string;
  updated_at: string;
}

export interface FlowVersionSummary extends FlowVersionRef {
  instance_count: number;
  running_count: number;
}

/** A decision table (one DMN document) that business-rule tasks call by its id. */
export interface FlowDecision {
  id: string;
  name: string;
  xml: string;
}

export interface Flow extends FlowSummary {
  /** `problems` are what stops publishing ([] when the draft is ready). */
  draft: { xml: string; problems: FlowProblem[]; decisions?: FlowDecision[] };
  versions: FlowVersionSummary[];
}

export interface FlowVersion extends FlowVersionSummary {
  xml: string;
  decisions?: FlowDecision[];
}

export type FlowTemplateKey = "delivery" | "stock";

export interface FlowTemplate {
  key: FlowTemplateKey;
  name: string;
  description: string;
  /** "steps": it opens in the steps editor; "diagram": in the diagram editor. */
  kind?: "steps" | "diagram";
  /** What the blueprint needs to have, in plain words. */
  needs?: string;
  /** What it adds to a blueprint that lacks it (null: nothing). */
  adds?: string | null;
  xml: string;
}

export interface FlowInput {
  name: string;
  /** Key of a published blueprint. */
  blueprint: string;
  key?: string;
  description?: string;
  xml?: string;
  template?: FlowTemplateKey;
}

export interface FlowChanges {
  lock_version: number;
  name?: string;
  description?: string;
  xml?: string;
}

/** One running instance in the dry run of moving instances to the published version. */
export interface InstanceMigrationItem {
  instance_id: string;
  entity: { id: string; title: string | null };
  from_version: number;
  ok: boolean;
  /** Labels of the steps it would wait at afterwards. */
  waiting: string[];
  reason: string | null;
  code?: string | null;
  params?: Record<string, unknown> | null;
}

export interface InstanceMigrationPreview {
  target: FlowVersionRef;
  /** At most 200; `count` and `movable` are for all instances. */
  items: InstanceMigrationItem[];
  count: number;
  movable: number;
}

export interface InstanceMigrationResult {
  migrated: number;
  failed: number;
  items: { instance_id: string; entity_id: string; ok: boolean; reason: string | null }[];
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;
const flows = (slug: string) => `${base(slug)}/flows`;
const one = (slug: string, key: string) => `${flows(slug)}/${encodeURIComponent(key)}`;

export function listFlows(
  slug: string,
  options: { cursor?: string | null; blueprint?: string | null; limit?: number } = {},
  signal?: AbortSignal,
): Promise<Page<FlowSummary>> {
  return api.get(flows(slug), {
    query: { limit: options.limit ?? FLOW_PAGE_SIZE, cursor: options.cursor, blueprint: options.blueprint },
    signal,
  });
}

export function createFlow(slug: string, input: FlowInput): Promise<Flow> {
  return api.post(flows(slug), input);
}

export function getFlow(slug: string, key: string, signal?: AbortSignal): Promise<Flow> {
  return api.get(one(slug, key), { signal });
}

export function updateFlow(slug: string, key: string, changes: FlowChanges): Promise<Flow> {
  return api.patch(one(slug, key), changes);
}

/** Saves a decision table with the draft, new or in place of `id` (the document's own id wins); the flow after.
 * `lockVersion` is the flow's as the editor holds it: 409 when someone saved the flow since. */
export function saveDecision(slug: string, key: string, id: string, xml: string, lockVersion: number): Promise<Flow> {
  return api.request(`${one(slug, key)}/decisions/${encodeURIComponent(id)}`, { method: "PUT", body: { xml, lock_version: lockVersion } });
}

export function deleteDecision(slug: string, key: string, id: string): Promise<Flow> {
  return api.delete(`${one(slug, key)}/decisions/${encodeURIComponent(id)}`);
}

export function publishFlow(slug: string, key: string, lockVersion: number): Promise<FlowVersion> {
  return api.post(`${one(slug, key)}/publish`, { lock_version: lockVersion });
}

/** What publishing the draft would change, and the problems that stop it (each on its element). */
export interface FlowPublishPreview extends PublishPreviewBase {
  problems: FlowProblem[];
}

export function getFlowPublishPreview(slug: string, key: string): Promise<FlowPublishPreview> {
  return api.get(`${one(slug, key)}/publish-preview`);
}

export function getFlowVersion(slug: string, key: string, number: number, signal?: AbortSignal): Promise<FlowVersion> {
  return api.get(`${one(slug, key)}/versions/${number}`, { signal });
}

export function deleteFlow(slug: string, key: string): Promise<void> {
  return api.delete(one(slug, key));
}

export function listFlowTemplates(slug: string, signal?: AbortSignal): Promise<FlowTemplate[]> {
  return api.get(`${base(slug)}/templates`, { signal });
}

export function previewInstanceMigration(slug: string, key: string): Promise<InstanceMigrationPreview> {
  return api.post(`${one(slug, key)}/instance-migrations/preview`, {});
}

export async function startInstanceMigration(slug: string, key: string): Promise<Job<InstanceMigrationResult>> {
  // The job itself, as the other background work (exports, entity migrations) answers.
  return api.post<Job<InstanceMigrationResult>>(`${one(slug, key)}/instance-migrations`, {});
}

/** The failing element and the problems a flow error (422 on publish or save) names, if any. */
export function flowErrorDetails(error: unknown): { element: string | null; problems: FlowProblem[] } {
  if (!(error instanceof ApiError)) return { element: null, problems: [] };
  const { element, problems } = error.problem as { element?: unknown; problems?: unknown };
  const list = Array.isArray(problems)
    ? problems
        .filter((item): item is Record<string, unknown> => !!item && typeof item === "object")
        .map((item) => ({
          ...refusalOf(item, String(item.message ?? "")),
          element: typeof item.element === "string" && item.element ? item.element : null,
          line: typeof item.line === "number" ? item.line : null,
        }))
        .filter((item) => item.message)
    : [];
  return { element: typeof element === "string" && element ? element : null, problems: list };
}
