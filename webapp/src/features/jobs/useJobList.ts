import { listJobs, type Job } from "../../api/jobs";
import { usePagedList } from "../../api/queries/shared";
import type { Page } from "../../api/types";
import { JOB_POLL_MS, jobKeys } from "../../app/components/useJob";

/** How often the list is asked about while nothing of the person's runs (to notice work started elsewhere). */
export const JOB_LIST_IDLE_MS = 60_000;

export const isRunning = (job: Pick<Job, "status">) => job.status === "queued" || job.status === "running";

/** Every job of the pages read so far, newest first. */
export const jobsOf = (pages: readonly Page<Job>[] | undefined): Job[] => pages?.flatMap((page) => page.items) ?? [];

/**
 * The person's background work in a workspace, newest first, a page at a time: asked about
 * (every page read so far) every two seconds while some of it runs, else once a minute and
 * whenever work is started here.
 */
export function useJobList(slug: string) {
  return usePagedList(jobKeys.list(slug), (cursor, signal) => listJobs(slug, cursor, signal), {
    staleTime: 0,
    refetchInterval: (pages) => (jobsOf(pages).some(isRunning) ? JOB_POLL_MS * 2 : JOB_LIST_IDLE_MS),
  });
}
