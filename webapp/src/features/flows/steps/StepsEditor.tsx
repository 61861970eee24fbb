import { Alert, Button, Grid, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import { ApiError } from "../../../api/client";
import type { FieldErrors } from "../../../api/errors";
import type { Flow } from "../../../api/flows";
import type { Steps, StepsTransition } from "../../../api/flowSteps";
import type { Tenant } from "../../../api/types";
import { describeError } from "../../../app/components/errors";
import { Heading } from "../../../app/components/Heading";
import { LabelledSelect } from "../../../app/components/LabelledSelect";
import { LeaveGuard } from "../../../app/components/LeaveGuard";
import { ProblemAlert } from "../../../app/components/ProblemAlert";
import { PublishDialog } from "../../../app/components/PublishDialog";
import { refusalText } from "../../../app/components/refusalText";
import { ConflictAlert } from "../../../app/records/ConflictAlert";
import { readFlowFailure } from "../designer/flowErrors";
import { useFlowPublishing } from "../useFlowPublishing";
import { generalMessages, messagesAt } from "./errors";
import { useUnsavedChanges } from "../../../designer/useUnsavedChanges";
import { withIds } from "./ids";
import { StatePicture } from "./StatePicture";
import { TimersTable } from "./TimersTable";
import { TransitionDrawer } from "./TransitionDrawer";
import { TransitionsTable } from "./TransitionsTable";
import { useSaveSteps, useStepsMembers } from "./useSteps";

export interface StepsEditorProps {
  tenant: Tenant;
  flow: Flow;
  columns: readonly Column[];
  steps: Steps;
  lockVersion: number;
  canEdit: boolean;
  /** Reads the server's steps again (after someone else saved first). */
  reload: () => Promise<{ steps: Steps | null; lock_version: number } | undefined>;
  onDirtyChange?: (dirty: boolean) => void;
}

const newTransition = (from: string, to: string): StepsTransition => ({
  id: "",
  label: "",
  from: from ? [from] : [],
  to,
  who: { kind: "anyone" },
  form: [],
  updates: [],
  condition: null,
});

/** Keeps only the states a (new) state column has. */
function forStates(steps: Steps, options: readonly string[]): Steps {
  const keep = (state: string) => (options.includes(state) ? state : "");
  return {
    ...steps,
    initial: steps.initial && options.includes(steps.initial) ? steps.initial : null,
    transitions: steps.transitions.map((row) => ({ ...row, from: row.from.filter((state) => options.includes(state)), to: keep(row.to) })),
    timers: (steps.timers ?? []).map((row) => ({ ...row, state: keep(row.state), to: keep(row.to) })),
  };
}

/** The steps editor: the state column, the table of buttons, the automatic moves and the state picture. */
export function StepsEditor({ tenant, flow, columns, steps: loaded, lockVersion: loadedLock, canEdit, reload, onDirtyChange }: StepsEditorProps) {
  const { t, i18n } = useTranslation();
  const slug = tenant.slug;
  const save = useSaveSteps(slug, flow.key);
  const publishing = useFlowPublishing(slug, flow.key);
  const members = useStepsMembers(slug).data?.items ?? [];
  const [steps, setSteps] = useState<Steps>({ ...loaded, timers: loaded.timers ?? [] });
  const [baseline, setBaseline] = useState(() => JSON.stringify({ ...loaded, timers: loaded.timers ?? [] }));
  const lockVersion = useRef(loadedLock);
  const [editing, setEditing] = useState<number | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const dirty = JSON.stringify(steps) !== baseline;
  const dirtyNow = useUnsavedChanges(dirty);
  const readOnly = !canEdit;

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty]);

  const choiceColumns = columns.filter((column) => column.type === "choice");
  const stateColumn = choiceColumns.find((column) => column.key === steps.state);
  const options = (stateColumn?.options ?? []).map((option) => ({ value: option.value, label: option.label || option.value }));
  const names = { columns, members, t };
  const transitions = steps.transitions;
  const setTransitions = (next: StepsTransition[]) => setSteps((old) => ({ ...old, transitions: next }));

  /** Saves the steps; true when they are stored. */
  const submit = async (quiet = false): Promise<boolean> => {
    setProblem(null);
    setConflict(false);
    const ready = withIds(steps);
    try {
      const saved = await save.mutateAsync({ steps: ready, lockVersion: lockVersion.current });
      lockVersion.current = saved.lock_version;
      setSteps(ready);
      setBaseline(JSON.stringify(ready));
      setErrors({});
      if (!quiet) notifications.show({ message: t("flowSteps.saved"), color: "green" });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setConflict(true);
      else if (error instanceof ApiError && error.isValidation && Object.keys(error.fieldErrors).length) {
        setSteps(ready);
        setErrors(error.fieldErrors);
        const general = generalMessages(error.fieldErrors);
        setProblem(general.length ? general.join(" ") : t("flowSteps.fixRows"));
      } else setProblem(describeError(error, t));
      return false;
    }
  };

  /** Saves unsaved changes first, then asks the server what publishing would do (the dialog shows it). */
  const publish = async () => {
    if (dirty && !(await submit(true))) return;
    setProblem(null);
    try {
      await publishing.check((item) => refusalText(item, t, i18n.language));
    } catch (error) {
      setProblem(describeError(error, t));
    }
  };

  const confirmPublish = async () => {
    try {
      const version = await publishing.confirm(lockVersion.current);
      notifications.show({ message: t("flowSteps.published", { number: version.number }), color: "green" });
      await reload();
    } catch (error) {
      const failure = readFlowFailure(error, t);
      if (failure.kind === "conflict") setConflict(true);
      else if (failure.kind === "message") setProblem(failure.message);
      else {
        const problems = failure.problems.map((item) => refusalText(item, t, i18n.language));
        setProblem([failure.message, ...problems].filter(Boolean).join(" "));
      }
    }
  };

  const loadLatest = async () => {
    const fresh = await reload();
    if (!fresh?.steps) return;
    const next = { ...fresh.steps, timers: fresh.steps.timers ?? [] };
    lockVersion.current = fresh.lock_version;
    setSteps(next);
    setBaseline(JSON.stringify(next));
    setErrors({});
    setConflict(false);
  };

  return (
    <Stack gap="md">
      <LeaveGuard shouldBlock={() => dirtyNow.current} />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group gap="md" align="flex-end" wrap="wrap">
          <LabelledSelect
            label={t("flowSteps.stateColumn")}
            description={t("flowSteps.stateColumnHelp")}
            placeholder={t("flowSteps.chooseStateColumn")}
            data={choiceColumns.map((column) => ({ value: column.key, label: column.label || column.key }))}
            value={stateColumn ? stateColumn.key : null}
            onChange={(key) => {
              const next = choiceColumns.find((column) => column.key === key);
              if (next) setSteps((old) => forStates({ ...old, state: next.key }, (next.options ?? []).map((option) => option.value)));
            }}
            allowDeselect={false}
            disabled={readOnly}
            error={messagesAt(errors, "steps.state")}
            w={280}
          />
          <LabelledSelect
            label={t("flowSteps.initial")}
            description={t("flowSteps.initialHelp")}
            placeholder={t("flowSteps.initialNone")}
            data={options}
            value={steps.initial ?? null}
            onChange={(initial) => setSteps((old) => ({ ...old, initial }))}
            clearable
            disabled={readOnly || !stateColumn}
            error={messagesAt(errors, "steps.initial")}
            w={240}
          />
        </Group>
        <Group gap="xs">
          {dirty && (
            <Text size="sm" c="orange">
              {t("flowSteps.unsaved")}
            </Text>
          )}
          <Button variant="default" onClick={() => void submit()} loading={save.isPending && !publishing.publishing} disabled={readOnly || !stateColumn || publishing.publishing}>
            {t("flowSteps.save")}
          </Button>
          <Button onClick={() => void publish()} loading={publishing.publishing || publishing.checking} disabled={readOnly || !stateColumn || save.isPending}>
            {t("flows.designer.publish")}
          </Button>
        </Group>
      </Group>
      {!choiceColumns.length && (
        <Alert color="yellow" variant="light" title={t("flowSteps.noChoiceTitle")}>
          {t("flowSteps.noChoiceBody", { blueprint: flow.blueprint.name })}
        </Alert>
      )}
      {conflict && (
        <ConflictAlert message={t("flowSteps.conflict")} action={t("flowSteps.loadLatest")} color="orange" onReload={() => void loadLatest()} />
      )}
      <ProblemAlert message={problem} />
      <PublishDialog
        opened={publishing.preview !== null}
        preview={publishing.preview}
        publishing={publishing.publishing}
        onConfirm={() => void confirmPublish()}
        onClose={publishing.cancel}
      />
      {stateColumn && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 9, xl: 8 }}>
            <Stack gap="lg">
              <Stack gap="xs">
                <Heading level={2} title={t("flowSteps.table.title")} intro={t("flowSteps.table.intro")} />
                <TransitionsTable
                  transitions={transitions}
                  stateColumn={stateColumn}
                  names={names}
                  errors={errors}
                  readOnly={readOnly}
                  onEdit={setEditing}
                  onAdd={() => {
                    const values = options.map((option) => option.value);
                    setTransitions([...transitions, newTransition(values[0] ?? "", values[1] ?? values[0] ?? "")]);
                    setEditing(transitions.length);
                  }}
                  onMove={(index, by) => {
                    const next = [...transitions];
                    [next[index], next[index + by]] = [next[index + by], next[index]];
                    setTransitions(next);
                  }}
                  onRemove={(index) => setTransitions(transitions.filter((_, i) => i !== index))}
                />
              </Stack>
              <Stack gap="xs">
                <Heading level={2} title={t("flowSteps.timers.title")} />
                <TimersTable
                  timers={steps.timers ?? []}
                  onChange={(timers) => setSteps((old) => ({ ...old, timers }))}
                  columns={columns}
                  stateColumn={stateColumn}
                  members={members}
                  timeZone={tenant.timezone}
                  errors={errors}
                  readOnly={readOnly}
                />
              </Stack>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 3, xl: 4 }}>
            <StatePicture steps={steps} stateColumn={stateColumn} />
          </Grid.Col>
        </Grid>
      )}
      {editing !== null && stateColumn && transitions[editing] && (
        <TransitionDrawer
          transition={transitions[editing]}
          index={editing}
          onChange={(row) => setTransitions(transitions.map((old, i) => (i === editing ? row : old)))}
          onClose={() => setEditing(null)}
          columns={columns}
          stateColumn={stateColumn}
          members={members}
          timeZone={tenant.timezone}
          errors={errors}
        />
      )}
    </Stack>
  );
}
