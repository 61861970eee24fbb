import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Entity } from "../../api/entities";
import type { FlowRef, InboxItem, Instance } from "../../api/inbox";
import { describeError, isNotFound } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { InstanceCard } from "./InstanceCard";
import { useCompleteTransition, useRecordFlows, useRetryInstance, useStartFlow } from "./queries";
import { TransitionDialog } from "./TransitionDialog";
import { transitionProblem } from "./transitionErrors";

interface FlowSectionProps {
  slug: string;
  timeZone: string;
  /** The caller's role in the workspace: viewers see where records are but move nothing. */
  role: string;
  entity: Entity;
  /** The record's name, for the transition dialog. */
  title: string;
}

/**
 * The record page's "Flow": per flow instance where the record is and the
 * transitions waiting now; "Start ..." for published flows it is not in yet.
 * Hidden when the record's blueprint has no flow.
 */
const MOVERS = new Set(["owner", "admin", "editor"]);

export function FlowSection({ slug, timeZone, role, entity, title }: FlowSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const flows = useRecordFlows(slug, entity.id);
  const complete = useCompleteTransition(slug);
  const start = useStartFlow(slug, entity.id);
  const retry = useRetryInstance(slug, entity.id);
  const canEdit = MOVERS.has(role);
  const [dialog, setDialog] = useState<InboxItem | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (flows.isPending) return null;
  // An older server without flows answers 404: the page works without them.
  if (flows.isError) return isNotFound(flows.error) ? null : <ProblemAlert message={describeError(flows.error, t)} />;
  const { instances, startable } = flows.data;
  if (!instances.length && !startable.length) return null;

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

  const pendingId = complete.isPending ? (complete.variables?.item.id ?? null) : null;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="lg" radius="md">
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          {t("work.flow.title")}
        </Title>
        <ProblemAlert message={problem} />
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
        {startable.length > 0 && (
          <Stack gap={6}>
            {!instances.length && (
              <Text size="sm" c="dimmed">
                {t("work.flow.notStarted")}
              </Text>
            )}
            <Group gap="sm" wrap="wrap">
              {startable.map((flow) => (
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
