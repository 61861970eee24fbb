import { Alert, Button, Stack, Tabs, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { Flow } from "../../../api/flows";
import type { Tenant } from "../../../api/types";
import { ConfirmDialog } from "../../../app/components/ConfirmDialog";
import { describeError, isNotFound } from "../../../app/components/errors";
import { Heading } from "../../../app/components/Heading";
import { PageLoader } from "../../../app/components/PageLoader";
import { ProblemAlert } from "../../../app/components/ProblemAlert";
import { canManage } from "../../../app/roles";
import { StepsEditor } from "./StepsEditor";
import { stepsKey, useFlowSteps } from "./useSteps";

type Tab = "steps" | "diagram";

interface FlowDesignTabsProps {
  tenant: Tenant;
  flow: Flow;
  /** The bound blueprint's columns; null while they load. */
  columns: readonly Column[] | null;
  /** The diagram editor, told when its drawing has unsaved changes. */
  diagram: (onDirtyChange: (dirty: boolean) => void) => ReactNode;
}

/**
 * The flow design page: the steps table (the usual way) and the diagram
 * ("advanced"). It opens on the steps unless the diagram no longer fits the table,
 * and asks before switching away from unsaved changes.
 */
export function FlowDesignTabs({ tenant, flow, columns, diagram }: FlowDesignTabsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useFlowSteps(tenant.slug, flow.key);
  const [tab, setTab] = useState<Tab | null>(null);
  const [asking, setAsking] = useState<Tab | null>(null);
  const dirty = useRef(false);
  const onDirtyChange = (value: boolean) => {
    dirty.current = value;
  };
  useDocumentTitle(`${t("flows.designer.title", { name: flow.name })} · Loom`);

  if (query.isPending && tab === null) return <PageLoader />;
  const fits = query.isSuccess && !!query.data.steps;
  const current: Tab = tab ?? (fits ? "steps" : "diagram");

  const open = (next: Tab) => {
    dirty.current = false;
    setAsking(null);
    if (next === "steps") void queryClient.invalidateQueries({ queryKey: stepsKey(tenant.slug, flow.key) });
    setTab(next);
  };

  const stepsPanel = () => {
    if (query.isFetching || (query.data?.steps && !columns)) return <PageLoader />;
    if (query.isError) {
      return <ProblemAlert message={isNotFound(query.error) ? t("flowSteps.unavailable") : describeError(query.error, t)} />;
    }
    if (!query.data?.steps) {
      return (
        <Alert color="blue" variant="light" title={t("flowSteps.noteTitle")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("flowSteps.noteBody")}</Text>
            {query.data?.note && <Text size="sm">{query.data.note}</Text>}
            <Button size="xs" variant="light" onClick={() => open("diagram")}>
              {t("flowSteps.openDiagram")}
            </Button>
          </Stack>
        </Alert>
      );
    }
    return (
      <Stack gap="md">
        <Heading title={t("flows.designer.title", { name: flow.name })} size="h1" intro={t("flowSteps.intro", { blueprint: flow.blueprint.name })} introWidth={720} />
        {/* Not keyed by the steps' update time: a save (which stores its answer as the steps) keeps
            the editor, and what it was doing next (the publish dialog); a reload mounts it afresh. */}
        <StepsEditor
          tenant={tenant}
          flow={flow}
          columns={columns ?? []}
          steps={query.data.steps}
          lockVersion={query.data.lock_version}
          canEdit={canManage(tenant)}
          reload={async () => (await query.refetch()).data}
          onDirtyChange={onDirtyChange}
        />
      </Stack>
    );
  };

  return (
    <>
      <Tabs
        value={current}
        onChange={(value) => {
          const next = value === "diagram" ? "diagram" : "steps";
          if (next === current) return;
          if (dirty.current) setAsking(next);
          else open(next);
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="steps">{t("flowSteps.tabSteps")}</Tabs.Tab>
          <Tabs.Tab value="diagram">{t("flowSteps.tabDiagram")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="steps">{current === "steps" && stepsPanel()}</Tabs.Panel>
        <Tabs.Panel value="diagram">{current === "diagram" && diagram(onDirtyChange)}</Tabs.Panel>
      </Tabs>
      <ConfirmDialog
        opened={asking !== null}
        title={t("flowSteps.switchTitle")}
        body={t("flowSteps.switchBody")}
        confirmLabel={t("flowSteps.switchConfirm")}
        onConfirm={() => asking && open(asking)}
        onClose={() => setAsking(null)}
        danger
      />
    </>
  );
}
