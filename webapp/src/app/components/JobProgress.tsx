import { Alert, Progress, Stack, Text } from "@mantine/core";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isFinished, type Job } from "../../api/jobs";
import { describeError } from "./errors";
import { ProblemAlert } from "./ProblemAlert";
import { currentLanguage } from "../../i18n";
import { useJob } from "./useJob";
import { formatNumber } from "../format";

interface JobProgressProps<R> {
  slug: string;
  jobId: string;
  /** What to say when the job is done; a plain "Done" otherwise. */
  renderDone?: (result: R, job: Job<R>) => ReactNode;
  /** Called once when the job is done or failed. */
  onFinished?: (job: Job<R>) => void;
  /** How the finished work went: green all of it, yellow some, red none ("Done" in green otherwise). */
  outcome?: (result: R) => { tone: JobTone; title: string };
}

export type JobTone = "green" | "yellow" | "red";

/** The progress of a background job: a bar, "N of M", and a clear message at the end. */
export function JobProgress<R = Record<string, unknown>>({ slug, jobId, renderDone, onFinished, outcome }: JobProgressProps<R>) {
  const { t } = useTranslation();
  const query = useJob<R>(slug, jobId);
  const job = query.data;
  const reported = useRef<string | null>(null);
  const finished = isFinished(job);

  useEffect(() => {
    if (job && finished && reported.current !== job.id) {
      reported.current = job.id;
      onFinished?.(job);
    }
  }, [job, finished, onFinished]);

  const ended = job?.status === "done" && job.result ? outcome?.(job.result) : undefined;
  const language = currentLanguage();
  const done = job?.done ?? 0;
  const total = job?.total ?? 0;
  const percent = job?.status === "done" ? 100 : total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const counted = t("jobs.count", { done: formatNumber(done, language), total: formatNumber(total, language) });

  return (
    <Stack gap="xs">
      <Progress.Root size="lg" radius="sm">
        <Progress.Section
          value={percent}
          withAria={false}
          role="progressbar"
          aria-label={t("jobs.progress")}
          aria-valuemin={total > 0 ? 0 : undefined}
          aria-valuemax={total > 0 ? total : undefined}
          aria-valuenow={total > 0 ? done : undefined}
          aria-valuetext={counted}
          color={job?.status === "failed" ? "red" : job?.status === "done" ? (ended?.tone ?? "green") : "indigo"}
          striped={!finished}
          animated={!finished}
        />
      </Progress.Root>
      <Text size="sm" c="dimmed" aria-live="polite">
        {!job || job.status === "queued" ? `${t("jobs.queued")} · ${counted}` : counted}
      </Text>
      {query.isError && !finished && <ProblemAlert message={describeError(query.error, t)} />}
      {job?.status === "failed" && (
        <Alert color="red" variant="light" role="alert" title={t("jobs.failed")}>
          {job.error || t("jobs.failedBody")}
        </Alert>
      )}
      {job?.status === "done" && (
        <Alert
          color={ended?.tone ?? "green"}
          variant="light"
          role="status"
          title={ended?.title ?? t("jobs.done")}
          data-tone={ended?.tone ?? "green"}
          styles={{ title: { color: "var(--mantine-color-text)" } }}
        >
          {renderDone && job.result ? renderDone(job.result, job) : null}
        </Alert>
      )}
    </Stack>
  );
}
