import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import type { FlowRef, InboxItem, Instance, Misplaced } from "../../api/inbox";
import { describeError, isNotFound } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { ConnectorSteps } from "./ConnectorSteps";
import { InstanceCard } from "./InstanceCard";
import { useCompleteTransition, usePlaceRecord, useRecordFlows, useRetryInstance, useStartFlow } from "../../api/queries/work";
import { TransitionDialog } from "./TransitionDialog";
import { transitionProblem } from "../../app/components/transitionErrors";

interface FlowSectionProps {
  slug: string;
  timeZone: string;
  /** The caller's role in the workspace: viewers see where records are but move nothing. */
  role: string;
  entity: Entity;
  /** The record's name, for the transition dialog. */
  title: string;
  /** The columns of the record's version: the state column's label and options come from here. */
  columns?: readonly Column[];
}

const MOVERS = new Set(["owner", "admin", "editor"]);

/** The flag's sentence, from the server's facts (the server's message is English only). */
function flagText(flag: Misplaced, t: TFunction): string {
  const words = { field: flag.field_label, value: flag.value_label, flow: flag.flow.name };
  if (flag.reason === "not_started") return t("recordState.notStarted", words);
  if (flag.reason === "no_place") return t("recordState.noPlace", words);
  if (flag.waits_at.length) return t("recordState.elsewhere", { ...words, at: flag.waits_at.join(", ") });
  return t("recordState.finishedElsewhere", words);
}

/**
 * The top of a record's page, led by its state: the state column's value as
 * the headline, the waiting transitions of its flows as the primary buttons,
 * then in small print which flow waits for what. A record whose state has no
 * place in its flow is flagged, with "Place it at …" for owners and admins.
 * "Start …" for published flows it is not in yet. Hidden when the record's
 * blueprint has no flow.
 */
export function FlowSection({ slug, timeZone, role, entity, title, columns = [] }: FlowSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const flows = useRecordFlows(slug, entity.id);
  const complete = useCompleteTransition(slug);
  const start = useStartFlow(slug, entity.id);
  const retry = useRetryInstance(slug, entity.id);
  const place = usePlaceRecord(slug, entity.id);
  const canEdit = MOVERS.has(role);
  const [dialog, setDialog] = useState<InboxItem | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (flows.isPending) return null;
  // An older server without flows answers 404: the page works without them.
  if (flows.isError) return isNotFound(flows.error) ? null : <ProblemAlert message={describeError(flows.error, t)} />;
  const { instances, startable } = flows.data;
  const misplaced = flows.data.misplaced ?? [];
  const stateColumn = columns.find((column) => column.key === flows.data.state_field);
  if (!instances.length && !startable.length && !misplaced.length && !stateColumn) return null;
  // A flow an owner can place the record in needs no separate "Start": placing starts it.
  const placeable = new Set(misplaced.filter((flag) => flag.can_place).map((flag) => flag.flow.key));
  const starts = startable.filter((flow) => !placeable.has(flow.key));

  const press = (item: InboxItem) => {
    setProblem(null);
    if (item.fields.length) {
      setDialog(item);
      return;
    }
    complete.mutate(
      { item, data: {} },
      {
        onSuccess: () => notifications.show({ message: t("work.done", { label: item.label }), color: "green" }),
        onError: (error) => setProblem(transitionProblem(error, [], t, item).message),
      },
    );
  };

  const startFlow = (flow: FlowRef) => {
    setProblem(null);
    start.mutate(flow.key, {
      onSuccess: () => notifications.show({ message: t("work.flow.started", { name: flow.name }), color: "green" }),
      onError: (error) => setProblem(transitionProblem(error, [], t).message),
    });
  };

  const placeRecord = (flag: Misplaced) => {
    setProblem(null);
    place.mutate(flag.flow.key, {
      onSuccess: () => notifications.show({ message: t("recordState.placed", { value: flag.value_label }), color: "green" }),
      onError: (error) => setProblem(transitionProblem(error, [], t).message),
    });
  };

  const retryInstance = (instance: Instance) => {
    setProblem(null);
    retry.mutate(instance.id, {
      onSuccess: (result) =>
        result.status === "failed"
          ? setProblem(t("work.flow.stillStopped"))
          : notifications.show({ message: t("work.flow.runsAgain", { name: instance.flow.name }), color: "green" }),
      onError: (error) => setProblem(transitionProblem(error, [], t).message),
    });
  };

  const value = stateColumn ? entity.data[stateColumn.key] : undefined;
  const option = stateColumn?.options?.find((candidate) => candidate.value === value);
  const pendingId = complete.isPending ? (complete.variables?.item.id ?? null) : null;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="lg" radius="md">
      <Stack gap="md">
        {stateColumn ? (
          <Stack gap={6} align="flex-start">
            <Title order={2} size="h6" c="dimmed" fw={500} id={headingId}>
              {stateColumn.label}
            </Title>
            {typeof value === "string" && value ? (
              <Badge size="xl" variant="light" color={option?.color || "gray"} radius="sm" tt="none" data-testid="record-state">
                {option?.label ?? value}
              </Badge>
            ) : (
              <Text fw={600} c="dimmed">
                {t("recordState.empty", { field: stateColumn.label })}
              </Text>
            )}
          </Stack>
        ) : (
          <Title order={2} size="h3" id={headingId}>
            {t("work.flow.title")}
          </Title>
        )}
        <ProblemAlert message={problem} />
        {misplaced.map((flag) => (
          <Alert key={flag.flow.key} color="yellow" variant="light">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{flagText(flag, t)}</Text>
              {flag.can_place ? (
                <Button
                  size="xs"
                  variant="white"
                  color="dark"
                  loading={place.isPending && place.variables === flag.flow.key}
                  onClick={() => placeRecord(flag)}
                >
                  {t("recordState.placeIt", { value: flag.value_label })}
                </Button>
              ) : (
                flag.reason === "elsewhere" && (
                  <Text size="xs" c="dimmed">
                    {t("recordState.askOwner", { value: flag.value_label })}
                  </Text>
                )
              )}
            </Stack>
          </Alert>
        ))}
        {instances.map((instance) => (
          <InstanceCard
            key={instance.id}
            instance={instance}
            timeZone={timeZone}
            pendingId={pendingId}
            onPress={press}
            onRetry={canEdit ? retryInstance : undefined}
            retrying={retry.isPending && retry.variables === instance.id}
          />
        ))}
        {instances.some((instance) => instance.status === "running") && (
          <ConnectorSteps slug={slug} entityId={entity.id} timeZone={timeZone} instances={instances} />
        )}
        {starts.length > 0 && (
          <Stack gap={6}>
            {!instances.length && !misplaced.length && (
              <Text size="sm" c="dimmed">
                {t("work.flow.notStarted")}
              </Text>
            )}
            <Group gap="sm" wrap="wrap">
              {starts.map((flow) => (
                <Button
                  key={flow.key}
                  variant="light"
                  loading={start.isPending && start.variables === flow.key}
                  onClick={() => startFlow(flow)}
                >
                  {t("work.flow.start", { name: flow.name })}
                </Button>
              ))}
            </Group>
          </Stack>
        )}
      </Stack>
      <TransitionDialog
        slug={slug}
        timeZone={timeZone}
        item={dialog}
        title={title}
        data={entity.data}
        onClose={() => setDialog(null)}
        onConflict={setProblem}
      />
    </Paper>
  );
}
