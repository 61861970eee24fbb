import { useQuery } from "@tanstack/react-query";
import { listJobs, type Job } from "../../api/jobs";
import { JOB_POLL_MS, jobKeys } from "../../app/components/useJob";

/** How often the list is asked about while nothing of the person's runs (to notice work started elsewhere). */
export const JOB_LIST_IDLE_MS = 60_000;

export const isRunning = (job: Pick<Job, "status">) => job.status === "queued" || job.status === "running";

/**
 * The person's background work in a workspace, newest first: asked about every
 * two seconds while some of it runs, else once a minute and whenever work is started here.
 */
export function useJobList(slug: string) {
  return useQuery({
    queryKey: jobKeys.list(slug),
    queryFn: ({ signal }) => listJobs(slug, signal),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.items.some(isRunning) ? JOB_POLL_MS * 2 : JOB_LIST_IDLE_MS),
  });
}
