import { api } from "./client";
import type { Page } from "./types";

export type JobStatus = "queued" | "running" | "done" | "failed";

/** A background job (export, import, migration, deletion); `result` depends on its kind. */
export interface Job<R = Record<string, unknown>> {
  id: string;
  kind: string;
  status: JobStatus;
  done: number;
  total: number;
  result: R | null;
  error: string | null;
  params: Record<string, unknown>;
  created_at: string;
  finished_at: string | null;
  /** In the list of a person's work: the name of the blueprint the job is about, if any. */
  blueprint_name?: string | null;
}

export function isFinished(job: Pick<Job, "status"> | null | undefined): boolean {
  return job?.status === "done" || job?.status === "failed";
}

export function getJob<R = Record<string, unknown>>(slug: string, id: string, signal?: AbortSignal): Promise<Job<R>> {
  return api.get(`/api/tenants/${encodeURIComponent(slug)}/jobs/${encodeURIComponent(id)}`, { signal });
}

/** How many of the person's jobs the Background work panel lists at a time. */
export const JOB_LIST_SIZE = 20;

/** The signed-in person's jobs in a workspace, newest first, a page at a time (`cursor`: the last page's `next_cursor`). */
export function listJobs(slug: string, cursor?: string | null, signal?: AbortSignal): Promise<Page<Job>> {
  return api.get(`/api/tenants/${encodeURIComponent(slug)}/jobs`, { query: { limit: JOB_LIST_SIZE, cursor }, signal });
}
