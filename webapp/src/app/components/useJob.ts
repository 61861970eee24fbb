import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { getJob, isFinished, type Job } from "../../api/jobs";

/** How often a running job is asked about, in milliseconds. */
export const JOB_POLL_MS = 1000;

export const jobKeys = {
  detail: (slug: string, id: string) => ["jobs", slug, id] as const,
  /** The person's jobs in a workspace (the Background work panel). */
  list: (slug: string) => ["jobs", slug, "list"] as const,
};

/**
 * A background job, asked about every second until it is done or failed.
 * A job just started (the 202 answer) can be handed over with `useRememberJob`
 * so its first state shows at once.
 */
export function useJob<R = Record<string, unknown>>(slug: string, id: string | null | undefined) {
  return useQuery({
    queryKey: jobKeys.detail(slug, id ?? ""),
    queryFn: ({ signal }) => getJob<R>(slug, id!, signal),
    enabled: !!id,
    staleTime: (query) => (isFinished(query.state.data as Job | undefined) ? Infinity : 0),
    refetchInterval: (query) => (isFinished(query.state.data as Job | undefined) ? false : JOB_POLL_MS),
    refetchIntervalInBackground: true,
  });
}

/** Puts a job the server just answered with into the cache, for `useJob`. */
export function useRememberJob() {
  const queryClient = useQueryClient();
  return useCallback(
    (slug: string, job: Job<unknown>) => {
      queryClient.setQueryData(jobKeys.detail(slug, job.id), job);
      void queryClient.invalidateQueries({ queryKey: jobKeys.list(slug) }); // the panel shows it running at once
    },
    [queryClient],
  );
}
