import { Anchor, Badge, Button, Drawer, Indicator, Paper, Progress, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { TFunction } from "i18next";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Job } from "../../api/jobs";
import type { ExportResult, ImportResult } from "../../api/transfers";
import type { MigrationResult } from "../../api/migrations";
import { countText } from "../../app/components/count";
import { EmptyState } from "../../app/components/EmptyState";
import { LoadMore } from "../../app/components/LoadMore";
import { describeError } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { IconActivity } from "../../app/components/icons";
import { formatDateTime, formatNumber } from "../../app/format";
import { currentLanguage } from "../../i18n";
import { isRunning, jobsOf, useJobList } from "./useJobList";

/** The kinds of work the panel names; others are "Background work". */
const KINDS: Record<string, string> = {
  "entities.export": "export",
  "entities.import": "import",
  "entities.migrate": "migrate",
  "records.move": "move",
  "flows.move_instances": "moveInstances",
  "trash.purge": "purge",
};

type Outcome = "running" | "done" | "partly" | "failed";

/** How a job ended, for its colour: a run that skipped rows or records did only part of its work. */
export function outcomeOf(job: Job): Outcome {
  if (isRunning(job)) return "running";
  if (job.status === "failed") return "failed";
  const failed = Number((job.result as { failed?: unknown } | null)?.failed ?? 0);
  return failed > 0 ? "partly" : "done";
}

const COLOURS: Record<Outcome, string> = { running: "indigo", done: "green", partly: "yellow", failed: "red" };

function Summary({ job, t }: { job: Job; t: TFunction }) {
  if (job.status === "failed") return <Text size="sm">{job.error || t("jobs.failedBody")}</Text>;
  if (job.status !== "done" || !job.result) return null;
  if (job.kind === "entities.export") {
    const result = job.result as unknown as ExportResult;
    return (
      <Stack gap={2}>
        <Text size="sm">{countText(t, "transfers.exported", result.rows)}</Text>
        <Anchor href={result.download_url} download={result.name} size="sm" fw={600}>
          {t("backgroundWork.download", { name: result.name })}
        </Anchor>
      </Stack>
    );
  }
  if (job.kind === "entities.import" && job.params.check === true) {
    const result = job.result as { valid?: number; failed?: number };
    return (
      <Text size="sm">
        {countText(t, "backgroundWork.checkedValid", Number(result.valid ?? 0))}
        {Number(result.failed ?? 0) > 0 && ` · ${countText(t, "transfers.failed", Number(result.failed))}`}
      </Text>
    );
  }
  if (job.kind === "entities.import") {
    const result = job.result as unknown as ImportResult;
    return (
      <Text size="sm">
        {countText(t, "transfers.created", result.created)}
        {result.failed > 0 && ` · ${countText(t, "transfers.failed", result.failed)}`}
      </Text>
    );
  }
  if (job.kind === "entities.migrate") {
    const result = job.result as unknown as MigrationResult;
    const language = currentLanguage();
    return (
      <Text size="sm">
        {t("migrations.result", { count: result.migrated, migrated: formatNumber(result.migrated, language), failed: formatNumber(result.failed, language) })}
      </Text>
    );
  }
  return null;
}

function JobItem({ job, timeZone }: { job: Job; timeZone: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const outcome = outcomeOf(job);
  // An import's first job only reads and checks the file; the second writes the records.
  const kind = job.kind === "entities.import" && job.params.check === true ? "check" : KINDS[job.kind] ?? "other";
  const about = job.blueprint_name ?? undefined;
  const running = outcome === "running";
  const percent = job.status === "done" ? 100 : job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
  const counted = t("jobs.count", { done: formatNumber(job.done, language), total: formatNumber(job.total, language) });
  const title = about ? t(`backgroundWork.kinds.${kind}About`, { name: about }) : t(`backgroundWork.kinds.${kind}`);
  return (
    <Paper component="li" withBorder p="sm" radius="md" aria-label={title}>
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {title}{" "}
          <Badge component="span" color={COLOURS[outcome]} variant="light" tt="none" radius="sm" ml={4}>
            {t(`backgroundWork.outcome.${job.status === "queued" ? "queued" : outcome}`)}
          </Badge>
        </Text>
        <Text size="xs" c="dimmed">
          {t("backgroundWork.started", { when: formatDateTime(job.created_at, timeZone, language) })}
          {job.finished_at && ` · ${t("backgroundWork.finished", { when: formatDateTime(job.finished_at, timeZone, language) })}`}
        </Text>
        {(running || job.total > 0) && (
          <Progress
            value={percent}
            color={COLOURS[outcome]}
            striped={running}
            animated={running}
            aria-label={t("jobs.progress")}
            aria-valuetext={counted}
          />
        )}
        {running && <Text size="xs">{counted}</Text>}
        <Summary job={job} t={t} />
      </Stack>
    </Paper>
  );
}

interface BackgroundWorkProps {
  slug: string;
  timeZone: string;
}

/** The jobs listed, each named by the blueprint the server says it is about. */
function JobList({ timeZone, jobs }: { timeZone: string; jobs: Job[] }) {
  const { t } = useTranslation();
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("backgroundWork.title")}>
      {jobs.map((job) => (
        <JobItem key={job.id} job={job} timeZone={timeZone} />
      ))}
    </Stack>
  );
}

/** "Background work" in the workspace header: a count while something runs, and a drawer with the person's jobs. */
export function BackgroundWork({ slug, timeZone }: BackgroundWorkProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const small = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const query = useJobList(slug);
  const jobs = useMemo(() => jobsOf(query.data?.pages), [query.data]);
  const running = jobs.filter(isRunning).length;
  const label = running ? t("backgroundWork.buttonRunning", { count: running }) : t("backgroundWork.button");
  return (
    <>
      <Indicator label={running} size={18} disabled={!running} color="indigo" offset={4}>
        <Button
          variant="subtle"
          size="compact-sm"
          px={small ? 6 : undefined}
          aria-label={label}
          aria-haspopup="dialog"
          leftSection={small ? undefined : <IconActivity size={16} />}
          onClick={() => {
            setOpened(true);
            void query.refetch();
          }}
        >
          {small ? <IconActivity size={18} /> : t("backgroundWork.short")}
        </Button>
      </Indicator>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" title={t("backgroundWork.title")} closeButtonProps={{ "aria-label": t("common.close") }}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("backgroundWork.intro")}
          </Text>
          {query.isPending ? (
            <PageLoader />
          ) : query.isError ? (
            <ProblemAlert message={describeError(query.error, t)} />
          ) : jobs.length === 0 ? (
            <EmptyState title={t("backgroundWork.empty")} order={3}>
              {t("backgroundWork.emptyBody")}
            </EmptyState>
          ) : (
            <>
              <JobList timeZone={timeZone} jobs={jobs} />
              <LoadMore query={query} label={t("backgroundWork.showMore")} />
            </>
          )}
        </Stack>
      </Drawer>
    </>
  );
}
