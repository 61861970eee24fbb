import { Alert, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { Flow } from "../../../api/flows";
import type { Tenant } from "../../../api/types";
import { Heading } from "../../../app/components/Heading";
import { LeaveGuard } from "../../../app/components/LeaveGuard";
import { ProblemAlert } from "../../../app/components/ProblemAlert";
import { PublishDialog } from "../../../app/components/PublishDialog";
import { ConflictAlert } from "../../../app/records/ConflictAlert";
import { DecisionsPanel } from "../../../designer/decisions/DecisionsPanel";
import type { FlowModelerProps } from "../../../designer/FlowModeler";
import type { LoomContext } from "../../../designer/loomContext";
import type { LintCounts } from "../../../designer/modelerHandle";
import { useUnsavedChanges } from "../../../designer/useUnsavedChanges";
import i18n from "../../../i18n";
import { DeleteFlowButton } from "./DeleteFlowButton";
import { FlowDetailsDialog } from "./FlowDetailsDialog";
import { FlowVersions } from "./FlowVersions";
import { useImportExport } from "./ImportExport";
import { MoveRecordsDialog } from "./MoveRecordsDialog";
import { LintSummary, ProblemList, PublishedNote } from "./ProblemList";
import { useFlowDraft } from "./useFlowDraft";

export interface FlowDesignerProps {
  tenant: Tenant;
  flow: Flow;
  /** The bound blueprint's columns (its published version), for form fields and suggestions. */
  columns: Column[];
  refetch: () => Promise<Flow | undefined>;
  /** The canvas: bpmn-js in the app, a stand-in in tests. */
  Canvas: ComponentType<FlowModelerProps>;
  /** Told whether the drawing has unsaved changes (the page asks before switching to the steps). */
  onDirtyChange?: (dirty: boolean) => void;
  /** Shown below the drawing: the flow's messages on the page, nothing in tests of the drawing. */
  messages?: ReactNode;
}

const WRITERS = new Set(["owner", "admin"]);

/** The flow designer: drawing, properties, checks, saving, publishing, versions, moving records. */
export function FlowDesigner({ tenant, flow, columns, refetch, Canvas, onDirtyChange, messages }: FlowDesignerProps) {
  const { t, i18n: active } = useTranslation();
  const slug = tenant.slug;
  const draft = useFlowDraft(slug, flow, refetch);
  const [lint, setLint] = useState<LintCounts | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [editingDetails, setEditingDetails] = useState(false);
  const canEdit = WRITERS.has(tenant.role);
  const busy = draft.saving || draft.publishing;
  const [decisions, setDecisions] = useState(flow.draft.decisions ?? []);
  // The server's list when the flow is read again (after publishing, or loading the latest draft).
  useEffect(() => setDecisions(flow.draft.decisions ?? []), [flow.draft.decisions]);
  useDocumentTitle(`${t("flows.designer.title", { name: flow.name })} · Loom`);

  // One context object for the modeler's lifetime; the panel re-reads it when it changes.
  const context = useRef<LoomContext>({ blueprint: flow.blueprint, columns, t: (key, options) => i18n.t(key, options) }).current;
  useEffect(() => {
    context.columns = columns.map((column) => ({ key: column.key, label: column.label }));
    context.decisions = decisions.map(({ id, name }) => ({ id, name }));
    if (draft.ready) draft.handle.current?.refreshPanel();
  }, [columns, decisions, draft.ready, active.language]);

  const files = useImportExport({
    handle: () => draft.handle.current,
    fileName: `${flow.key}.bpmn`,
    dirty: draft.dirty,
    disabled: !draft.ready || !canEdit,
    onImported: () => void draft.recheck(),
  });

  // Read when leaving: a deleted flow has nothing left to save.
  const leaving = useRef(false);
  const dirtyNow = useUnsavedChanges(draft.dirty);
  useEffect(() => {
    onDirtyChange?.(draft.dirty);
  }, [draft.dirty]);

  const failure = draft.failure;
  const published = flow.published_version;

  return (
    <Stack gap="md">
      <LeaveGuard shouldBlock={() => dirtyNow.current && !leaving.current} />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6}>
          <Group gap="xs" align="center">
            <Title order={1}>{t("flows.designer.title", { name: flow.name })}</Title>
            {canEdit && (
              <Button variant="subtle" size="compact-sm" onClick={() => setEditingDetails(true)}>
                {t("flows.details.edit")}
              </Button>
            )}
          </Group>
          {flow.description && (
            <Text size="sm" maw={720}>
              {flow.description}
            </Text>
          )}
          <Group gap="xs">
            <Badge variant="light" color={published ? "indigo" : "gray"} size="lg" radius="sm" tt="none">
              {published ? t("flows.designer.lastPublished", { number: published.number }) : t("flows.designer.notPublished")}
            </Badge>
            {draft.dirty && (
              <Badge variant="dot" color="orange" size="lg" tt="none">
                {t("flows.designer.unsaved")}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" maw={720}>
            {t("flows.designer.intro", { blueprint: flow.blueprint.name })}
          </Text>
        </Stack>
        <Group gap="xs">
          {files.controls}
          <Button variant="default" onClick={() => void draft.saveDraft()} loading={draft.saving && !draft.publishing} disabled={!draft.ready || !canEdit || draft.publishing}>
            {t("flows.designer.saveDraft")}
          </Button>
          <Button onClick={() => void draft.publish()} loading={draft.publishing || draft.checking} disabled={!draft.ready || !canEdit || draft.saving}>
            {t("flows.designer.publish")}
          </Button>
        </Group>
      </Group>
      {!canEdit && (
        <Alert color="gray" variant="light">
          {t("flows.designer.readOnly")}
        </Alert>
      )}
      {failure?.kind === "conflict" && (
        <ConflictAlert
          message={t("flows.designer.conflict")}
          action={t("flows.designer.loadLatest")}
          color="orange"
          onReload={() => void draft.loadLatest()}
          disabled={busy}
        />
      )}
      <ProblemAlert message={failure?.kind === "message" ? failure.message : null} />
      <ProblemAlert message={failure?.kind === "problems" ? failure.message || t("flows.designer.cannotPublish") : null} />
      <ProblemAlert message={loadError ? t("flows.designer.loadFailed", { reason: loadError }) : null} />
      {files.messages}
      <PublishedNote number={draft.published} />
      <ProblemList problems={draft.problems} nameOf={(id) => draft.handle.current?.elementName(id) ?? null} onSelect={draft.select} />
      {!draft.problems.length && !draft.dirty && draft.ready && !failure && !draft.published && (flow.draft_changed || !published) && (
        <Text size="sm" c="green">
          {t("flows.problems.none")}
        </Text>
      )}
      <Group justify="space-between" wrap="wrap">
        <LintSummary counts={lint} />
        <Text size="xs" c="dimmed">
          {t("flows.designer.keyboardHint")}
        </Text>
      </Group>
      <Canvas
        xml={flow.draft.xml}
        context={context}
        onReady={(handle) => void draft.onReady(handle)}
        onChange={() => void draft.recheck()}
        onLint={setLint}
        onLoadError={setLoadError}
        canvasLabel={t("flows.designer.canvas")}
        panelLabel={t("flows.designer.properties")}
      />
      <DecisionsPanel
        slug={slug}
        flowKey={flow.key}
        decisions={decisions}
        columns={columns.map((column) => ({ key: column.key, label: column.label }))}
        canEdit={canEdit}
        lockVersion={draft.lockVersion}
        onSaved={(saved) => {
          draft.adopt(saved);
          setDecisions(saved.draft.decisions ?? []);
        }}
      />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xl">
        <div style={{ flex: "1 1 420px" }}>
          <FlowVersions slug={slug} flow={flow} timeZone={tenant.timezone} />
        </div>
        <Stack gap="xs" style={{ flex: "0 1 320px" }}>
          {published && (
            <>
              <Heading level={2} title={t("flows.move.heading")} intro={t("flows.move.explain")} />
              <Group>
                <Button variant="default" onClick={() => setMoving(true)} disabled={!canEdit}>
                  {t("flows.move.button")}
                </Button>
              </Group>
            </>
          )}
          <Group mt="md">
            <DeleteFlowButton slug={slug} flowKey={flow.key} name={flow.name} disabled={!canEdit} onDeleted={() => (leaving.current = true)} />
          </Group>
        </Stack>
      </Group>
      {messages}
      {editingDetails && <FlowDetailsDialog flow={flow} save={draft.saveDetails} onClose={() => setEditingDetails(false)} />}
      <PublishDialog opened={draft.preview !== null} preview={draft.preview} publishing={draft.publishing} onConfirm={() => void draft.confirmPublish()} onClose={draft.cancelPublish} />
      {moving && <MoveRecordsDialog slug={slug} flowKey={flow.key} onClose={() => setMoving(false)} />}
    </Stack>
  );
}
