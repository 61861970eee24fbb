import { Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../api/blueprints";
import { previewMigration, startMigration, type MigrationInput, type MigrationPreview, type MigrationResult, type PlanStep } from "../../api/migrations";
import { countText } from "../../app/components/count";
import { describeError } from "../../app/components/errors";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { blueprintKeys, useBlueprintVersion } from "../../api/queries/blueprints";
import { entityKeys } from "../../app/entityKeys";
import { JobProgress } from "../../app/components/JobProgress";
import { useRememberJob } from "../../app/components/useJob";
import { MigrationResultView } from "./MigrationResultView";
import { buildPlan, choiceFromPlan, samePlan, type PlanChoice } from "./plan";
import { PlanTable } from "./PlanTable";
import { PreviewSummary } from "./PreviewSummary";
import { DialogActions } from "../../app/components/DialogActions";

export interface MigrationDialogProps {
  slug: string;
  blueprintKey: string;
  versions: VersionSummary[];
  /** The version whose records are to move. */
  from: number;
  timeZone: string;
  onClose: () => void;
}

/** "Move records to another version": pick two versions, adjust the plan, preview it on real records, then move them. */
export function MigrationDialog(props: MigrationDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={props.onClose} title={t("migrations.title")} size="80rem" centered>
      <MigrationBody {...props} />
    </Modal>
  );
}

function MigrationBody({ slug, blueprintKey, versions, from: initialFrom, timeZone, onClose }: MigrationDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remember = useRememberJob();
  const numbers = useMemo(() => versions.map((version) => version.number).sort((a, b) => b - a), [versions]);
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(numbers[0] ?? initialFrom);
  const fromVersion = useBlueprintVersion(slug, blueprintKey, from);
  const toVersion = useBlueprintVersion(slug, blueprintKey, to);
  const fromColumns = fromVersion.data?.columns;
  const toColumns = toVersion.data?.columns;
  const [choice, setChoice] = useState<PlanChoice | null>(null);
  const [baseline, setBaseline] = useState<PlanChoice | null>(null);
  const applied = useRef<MigrationPreview | null>(null);
  const preview = useMutation({ mutationFn: (input: MigrationInput) => previewMigration(slug, blueprintKey, input) });
  const start = useMutation({
    mutationFn: (plan: PlanStep[]) => startMigration(slug, blueprintKey, { from_version: from, to_version: to, plan }),
    onSuccess: (job) => remember(slug, job),
  });

  const runPreview = (f: number, tv: number, plan?: PlanStep[]) => {
    if (f === tv) preview.reset();
    else preview.mutate(plan ? { from_version: f, to_version: tv, plan } : { from_version: f, to_version: tv });
  };

  useEffect(() => {
    runPreview(initialFrom, to);
    // Only when the dialog opens; later runs follow the person's choices.
  }, []);

  const current = preview.data && preview.variables?.from_version === from && preview.variables?.to_version === to ? preview.data : null;

  useEffect(() => {
    if (!current || !fromColumns || !toColumns || applied.current === current) return;
    applied.current = current;
    const next = choiceFromPlan(current.plan, fromColumns, toColumns, timeZone);
    setChoice(next);
    setBaseline(next);
  }, [current, fromColumns, toColumns, timeZone]);

  const built = choice && fromColumns && toColumns ? buildPlan(choice, fromColumns, toColumns, timeZone) : null;
  const baselinePlan = baseline && fromColumns && toColumns ? buildPlan(baseline, fromColumns, toColumns, timeZone).plan : null;
  const dirty = !!built && !!baselinePlan && !samePlan(built.plan, baselinePlan);
  const invalid = !!built && Object.keys(built.problems).length > 0;

  const choose = (which: "from" | "to", value: string | null) => {
    const number = Number(value);
    if (!number) return;
    const nextFrom = which === "from" ? number : from;
    const nextTo = which === "to" ? number : to;
    setFrom(nextFrom);
    setTo(nextTo);
    setChoice(null);
    setBaseline(null);
    applied.current = null;
    runPreview(nextFrom, nextTo);
  };

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: blueprintKeys.all(slug) });
    void queryClient.invalidateQueries({ queryKey: entityKeys.all(slug) });
  }, [queryClient, slug]);

  const options = numbers.map((number) => ({ value: String(number), label: t("migrations.version", { number }) }));
  const job = start.data;
  const allColumns = [...(toColumns ?? []), ...(fromColumns ?? [])];

  if (job) {
    return (
      <Stack gap="md">
        <JobProgress<MigrationResult>
          slug={slug}
          jobId={job.id}
          onFinished={refresh}
          renderDone={(result) => <MigrationResultView result={result} columns={allColumns} slug={slug} />}
        />
        <DialogActions onCancel={onClose} cancelLabel={t("common.close")} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("migrations.intro")}
      </Text>
      <Group gap="md" align="flex-end">
        <LabelledSelect label={t("migrations.from")} data={options} value={String(from)} onChange={(value) => choose("from", value)} allowDeselect={false} w={180} />
        <LabelledSelect label={t("migrations.to")} data={options} value={String(to)} onChange={(value) => choose("to", value)} allowDeselect={false} w={180} />
      </Group>
      {from === to && <Text size="sm">{t("migrations.sameVersion")}</Text>}
      <ProblemAlert message={fromVersion.error || toVersion.error ? describeError(fromVersion.error ?? toVersion.error, t) : null} />
      <ProblemAlert message={preview.isError ? describeError(preview.error, t) : null} />
      {from !== to && !built && !preview.isError && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">{t("migrations.checking")}</Text>
        </Group>
      )}
      {built && fromColumns && toColumns && (
        <PlanTable
          from={fromColumns}
          to={toColumns}
          choice={choice!}
          built={built}
          previewed={current?.plan ?? []}
          onChange={setChoice}
          timeZone={timeZone}
          slug={slug}
        />
      )}
      {built && (
        <Group gap="sm">
          <Button variant={dirty ? "filled" : "default"} onClick={() => runPreview(from, to, built.plan)} loading={preview.isPending} disabled={invalid}>
            {t("migrations.previewAgain")}
          </Button>
          {dirty && <Text size="sm" c="dimmed">{t("migrations.changed")}</Text>}
        </Group>
      )}
      {current && built && fromColumns && toColumns && <PreviewSummary preview={current} from={fromColumns} to={toColumns} slug={slug} timeZone={timeZone} />}
      <ProblemAlert message={start.isError ? describeError(start.error, t) : null} />
      <DialogActions onCancel={onClose}>
        <Button
          onClick={() => built && start.mutate(built.plan)}
          loading={start.isPending}
          disabled={!current || !built || dirty || invalid || preview.isPending || current.total === 0}
        >
          {countText(t, "migrations.migrate", current?.total ?? 0)}
        </Button>
      </DialogActions>
    </Stack>
  );
}
