import { Anchor, Button, Checkbox, Group, List, Menu, Modal, Paper, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { listMoveTargets, moveRecords, type BulkMoveAnswer, type BulkMoveResult, type MoveTarget } from "../../api/bulkMove";
import type { Entity } from "../../api/entities";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { countText } from "../../app/components/count";
import { describeError } from "../../app/components/errors";
import { JobProgress } from "../../app/components/JobProgress";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { currentLanguage } from "../../i18n";
import { entityKeys } from "../../app/entityKeys";
import { formatNumber } from "../../app/format";

/** The records chosen in the grid: only ids of the rows shown count, so a new search drops the others. */
export function useSelection(entities: Entity[]) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const selected = useMemo(() => new Set(entities.filter((e) => chosen.has(e.id)).map((e) => e.id)), [entities, chosen]);
  const toggle = useCallback((id: string, on: boolean) => {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const toggleAll = useCallback((on: boolean) => setChosen(on ? new Set(entities.map((e) => e.id)) : new Set()), [entities]);
  const clear = useCallback(() => setChosen(new Set()), []);
  const all = entities.length > 0 && selected.size === entities.length;
  return { selected, toggle, toggleAll, clear, all, some: selected.size > 0 && !all };
}

export type Selection = ReturnType<typeof useSelection>;

/** The checkbox heading the grid's selection column: every record on this page. */
export function SelectAllBox({ selection }: { selection: Selection }) {
  const { t } = useTranslation();
  return (
    <Checkbox
      aria-label={t("bulkMove.selectAll")}
      checked={selection.all}
      indeterminate={selection.some}
      onChange={(event) => selection.toggleAll(event.currentTarget.checked)}
    />
  );
}

/** One row's checkbox, named for its record. */
export function SelectBox({ selection, entity, name }: { selection: Selection; entity: Entity; name: string }) {
  const { t } = useTranslation();
  return (
    <Checkbox
      aria-label={t("bulkMove.selectRecord", { name })}
      checked={selection.selected.has(entity.id)}
      onChange={(event) => selection.toggle(entity.id, event.currentTarget.checked)}
    />
  );
}

interface BulkMoveBarProps {
  slug: string;
  blueprintKey: string;
  blueprintName: string;
  selection: Selection;
  /** Where a record opens, for the links of the ones not moved. */
  recordHref: (id: string) => string;
}

/**
 * What can be done with the selected records: move them all to one state, each by the step that
 * leads there. Asks first; a few are moved at once and the outcome shows, many are moved in the
 * background with progress; either way the records not moved are listed with the reason.
 */
export function BulkMoveBar({ slug, blueprintKey, blueprintName, selection, recordHref }: BulkMoveBarProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<MoveTarget | null>(null);
  const [answer, setAnswer] = useState<BulkMoveAnswer | null>(null);
  const count = selection.selected.size;
  const targets = useQuery({
    queryKey: ["entities", slug, "moveTargets", blueprintKey],
    queryFn: ({ signal }) => listMoveTargets(slug, blueprintKey, signal),
    enabled: count > 0,
    staleTime: 60_000,
  });
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: entityKeys.all(slug) }), [queryClient, slug]);
  const move = useMutation({
    mutationFn: (to: MoveTarget) => moveRecords(slug, { ids: [...selection.selected], to: to.value }),
    onSuccess: (result) => {
      setAnswer(result);
      selection.clear();
      if (!result.job) refresh();
    },
  });

  if (count === 0 && !answer) return null;
  const closeResult = () => {
    setAnswer(null);
    setTarget(null);
  };
  const closeConfirm = () => {
    if (move.isPending) return;
    setTarget(null);
    move.reset();
  };
  const options = targets.data ?? [];

  return (
    <>
      {count > 0 && (
        <Paper withBorder p="xs" role="region" aria-label={t("bulkMove.actions")}>
          <Group gap="sm" wrap="wrap">
            <Text size="sm" fw={600} aria-live="polite">
              {countText(t, "bulkMove.selected", count)}
            </Text>
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <Button size="compact-sm" variant="light" loading={targets.isPending} disabled={!options.length}>
                  {t("bulkMove.moveTo")}
                </Button>
              </Menu.Target>
              <Menu.Dropdown aria-label={t("bulkMove.targetsLabel")}>
                {options.map((option) => (
                  <Menu.Item key={`${option.column}:${option.value}`} onClick={() => setTarget(option)}>
                    {option.label}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button size="compact-sm" variant="subtle" onClick={selection.clear}>
              {t("bulkMove.clear")}
            </Button>
            {targets.isSuccess && !options.length && (
              <Text size="sm" c="dimmed">
                {t("bulkMove.noTargets", { name: blueprintName })}
              </Text>
            )}
            {targets.isError && (
              <Text size="sm" c="red">
                {t("bulkMove.targetsFailed")}
              </Text>
            )}
          </Group>
        </Paper>
      )}
      <ConfirmDialog
        opened={!!target && !answer}
        title={t("bulkMove.confirmTitle", { state: target?.label ?? "" })}
        body={t("bulkMove.confirmBody", {
          count,
          formatted: formatNumber(count, currentLanguage()),
          state: target?.label ?? "",
          column: target?.column_label ?? "",
        })}
        confirmLabel={countText(t, "bulkMove.confirm", count)}
        onConfirm={() => target && move.mutate(target)}
        onClose={closeConfirm}
        loading={move.isPending}
        problem={move.isError ? describeError(move.error, t) : null}
      />
      <Modal
        opened={!!answer}
        onClose={closeResult}
        title={t(answer?.job ? "bulkMove.runningTitle" : "bulkMove.resultTitle", { state: target?.label ?? "" })}
        centered
        size="lg"
      >
        {answer && (
          <Stack gap="md">
            {answer.job ? (
              <>
                <Text size="sm">{t("bulkMove.background")}</Text>
                <JobProgress<BulkMoveResult>
                  slug={slug}
                  jobId={answer.job}
                  onFinished={refresh}
                  renderDone={(result) => <MoveOutcome result={result} recordHref={recordHref} />}
                />
              </>
            ) : (
              <MoveOutcome result={answer} recordHref={recordHref} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={closeResult} data-autofocus>
                {t("bulkMove.close")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

/** How a bulk move went: moved, already there, and each record not moved with the reason. */
function MoveOutcome({ result, recordHref }: { result: BulkMoveResult; recordHref: (id: string) => string }) {
  const { t } = useTranslation();
  const refused = result.refused ?? [];
  const refusedCount = result.refused_count ?? refused.length;
  const unlisted = refusedCount - refused.length;
  return (
    <Stack gap="xs">
      <Text size="sm">{countText(t, "bulkMove.moved", result.moved ?? 0)}</Text>
      {(result.skipped ?? 0) > 0 && <Text size="sm">{countText(t, "bulkMove.skipped", result.skipped)}</Text>}
      {refusedCount > 0 && (
        <>
          <ProblemAlert message={countText(t, "bulkMove.refused", refusedCount)} />
          <List size="sm" spacing={4} aria-label={t("bulkMove.refusedList")}>
            {refused.map((item) => (
              <List.Item key={item.id}>
                {item.code === "not_found" ? (
                  <Text span size="sm" fw={600}>
                    {t("bulkMove.gone", { id: item.id.slice(0, 8) })}
                  </Text>
                ) : (
                  <Anchor component={Link} to={recordHref(item.id)} size="sm" fw={600}>
                    {item.title || t("bulkMove.untitled", { id: item.id.slice(0, 8) })}
                  </Anchor>
                )}
                <Text span size="sm">
                  {": "}
                  {item.reason}
                </Text>
              </List.Item>
            ))}
          </List>
          {unlisted > 0 && (
            <Text size="sm" c="dimmed">
              {countText(t, "bulkMove.notListed", unlisted)}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
