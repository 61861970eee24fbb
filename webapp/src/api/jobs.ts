import { api } from "./client";

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
}

export function isFinished(job: Pick<Job, "status"> | null | undefined): boolean {
  return job?.status === "done" || job?.status === "failed";
}

export function getJob<R = Record<string, unknown>>(slug: string, id: string, signal?: AbortSignal): Promise<Job<R>> {
  return api.get(`/api/tenants/${encodeURIComponent(slug)}/jobs/${encodeURIComponent(id)}`, { signal });
}
