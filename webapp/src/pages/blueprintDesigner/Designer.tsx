import { Anchor, Badge, Button, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type Dispatch } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { getBlueprintPublishPreview, type Blueprint, type BlueprintChanges } from "../../api/blueprints";
import type { Tenant } from "../../api/types";
import { LeaveGuard } from "../../app/components/LeaveGuard";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { PublishDialog, type PublishPreviewView } from "../../app/components/PublishDialog";
import { paths } from "../../app/paths";
import { ConflictAlert } from "../../app/records/ConflictAlert";
import { useBlueprintList } from "../../api/queries/blueprints";
import { useUnsavedChanges } from "../../designer/useUnsavedChanges";
import { ColumnProblems } from "./ColumnProblems";
import { ColumnsTab } from "./ColumnsTab";
import { DeleteBlueprintButton } from "./DeleteBlueprintButton";
import { DetailsTab, type Details } from "./DetailsTab";
import { draftFromServer, draftReducer, draftToServer, type DraftAction, type DraftState } from "./draft";
import { FormTab } from "./FormTab";
import { useDesignerSave } from "./useDesignerSave";
import { VersionsTab } from "./VersionsTab";

interface DesignerProps {
  tenant: Tenant;
  blueprint: Blueprint;
  /** Fetches the blueprint again (after publishing, or to resolve a conflict). */
  reload: () => Promise<Blueprint | undefined>;
}

/** The draft about to be published: its lock version, its columns, and what the server says publishing does. */
interface PendingPublish {
  lockVersion: number;
  columnUids: string[];
  preview: PublishPreviewView;
}

interface Baseline {
  lockVersion: number;
  snapshot: string;
  details: Details;
}

const snapshotOf = (state: DraftState, details: Details, timeZone: string) =>
  JSON.stringify({ draft: draftToServer(state, timeZone), details });

/** "Draft · last published v3" or "Not published yet". */
export function VersionBadge({ blueprint }: { blueprint: Blueprint }) {
  const { t } = useTranslation();
  const published = blueprint.published_version;
  return (
    <Badge variant="light" color={published ? "indigo" : "gray"} size="lg" radius="sm" tt="none">
      {published ? t("designer.lastPublished", { number: published.number }) : t("designer.notPublished")}
    </Badge>
  );
}

export function Designer({ tenant, blueprint, reload }: DesignerProps) {
  const { t } = useTranslation();
  const timeZone = tenant.timezone;
  const slug = tenant.slug;
  const [state, rawDispatch] = useReducer(draftReducer, blueprint.draft, (draft) => draftFromServer(draft, timeZone));
  const [details, setDetails] = useState<Details>({ name: blueprint.name, description: blueprint.description ?? "" });
  const [baseline, setBaseline] = useState<Baseline>(() => ({
    lockVersion: blueprint.lock_version,
    snapshot: snapshotOf(state, details, timeZone),
    details,
  }));
  const [tab, setTab] = useState<string | null>("columns");
  const [pending, setPending] = useState<PendingPublish | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkProblem, setCheckProblem] = useState<string | null>(null);
  const [jump, setJump] = useState<{ uid: string; count: number } | null>(null);
  const saving = useDesignerSave(slug, blueprint.key);
  const list = useBlueprintList(slug);
  const linkable = useMemo(
    () => (list.data?.pages.flatMap((page) => page.items) ?? []).filter((other) => other.key !== blueprint.key),
    [list.data, blueprint.key],
  );
  const snapshot = useMemo(() => snapshotOf(state, details, timeZone), [state, details, timeZone]);
  const dirty = snapshot !== baseline.snapshot;
  useDocumentTitle(`${t("designer.title", { name: blueprint.name })} · Loom`);

  // A stable dispatch lets unchanged column cards skip rendering while one is edited.
  const clearColumn = useRef(saving.clearColumn);
  clearColumn.current = saving.clearColumn;
  const dispatch: Dispatch<DraftAction> = useCallback((action) => {
    rawDispatch(action);
    if ("uid" in action) clearColumn.current(action.uid);
  }, []);

  useEffect(() => {
    const { errors } = saving;
    if (Object.keys(errors.columns).length) setTab("columns");
    else if (errors.name || errors.description) setTab("details");
    else if (errors.form.length) setTab("form");
  }, [saving.errors]);

  // Read when leaving: a deleted blueprint has nothing left to save.
  const leaving = useRef(false);
  const dirtyNow = useUnsavedChanges(dirty);

  const resetFrom = (saved: Blueprint): DraftState => {
    const next = draftFromServer(saved.draft, timeZone);
    const nextDetails = { name: saved.name, description: saved.description ?? "" };
    rawDispatch({ type: "reset", state: next });
    setDetails(nextDetails);
    setBaseline({ lockVersion: saved.lock_version, snapshot: snapshotOf(next, nextDetails, timeZone), details: nextDetails });
    return next;
  };

  const save = async () => {
    const changes: BlueprintChanges = { lock_version: baseline.lockVersion, draft: draftToServer(state, timeZone) };
    if (details.name.trim() !== baseline.details.name) changes.name = details.name.trim();
    if (details.description !== baseline.details.description) changes.description = details.description;
    const saved = await saving.save(changes, state.columns.map((column) => column.uid));
    return saved ? { blueprint: saved, state: resetFrom(saved) } : null;
  };

  const saveDraft = async () => {
    if (await save()) notifications.show({ message: t("designer.saved"), color: "green" });
  };

  /** Saves pending changes, then asks the server what publishing would do and opens the dialog. */
  const publish = async () => {
    if (!state.columns.length) {
      notifications.show({ message: t("designer.nothingToPublish"), color: "yellow" });
      return;
    }
    setCheckProblem(null);
    let lockVersion = baseline.lockVersion;
    let current = state;
    if (dirty) {
      const saved = await save();
      if (!saved) return;
      lockVersion = saved.blueprint.lock_version;
      current = saved.state;
    }
    setChecking(true);
    try {
      const preview = await getBlueprintPublishPreview(slug, blueprint.key);
      const problems = preview.problems.map((item) => item.message);
      setPending({ lockVersion, columnUids: current.columns.map((column) => column.uid), preview: { ...preview, problems } });
    } catch (error) {
      setCheckProblem(describeError(error, t));
    } finally {
      setChecking(false);
    }
  };

  const confirmPublish = async () => {
    if (!pending) return;
    const version = await saving.publish(pending.lockVersion, pending.columnUids);
    setPending(null);
    if (!version) return;
    notifications.show({ message: t("designer.published", { number: version.number }), color: "green" });
    const fresh = await reload();
    if (fresh) resetFrom(fresh);
  };

  const reloadAfterConflict = async () => {
    const fresh = await reload();
    if (fresh) resetFrom(fresh);
    saving.clear();
  };

  return (
    <Stack gap="lg">
      <LeaveGuard shouldBlock={() => dirtyNow.current && !leaving.current} />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6}>
          <Title order={1}>{t("designer.title", { name: blueprint.name })}</Title>
          <Group gap="xs">
            <VersionBadge blueprint={blueprint} />
            {dirty && (
              <Badge variant="dot" color="orange" size="lg" tt="none">
                {t("designer.unsaved")}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" maw={640}>
            {t("designer.intro")}
          </Text>
        </Stack>
        <Group gap="xs">
          {blueprint.published_version && (
            <Anchor component={Link} to={paths.records(slug, blueprint.key)} size="sm" mr="xs">
              {t("designer.openRecords")}
            </Anchor>
          )}
          <Button variant="default" onClick={() => void saveDraft()} loading={saving.saving && !saving.publishing} disabled={saving.publishing}>
            {t("designer.saveDraft")}
          </Button>
          <Button onClick={() => void publish()} loading={saving.publishing || checking} disabled={saving.saving}>
            {t("designer.publish")}
          </Button>
        </Group>
      </Group>
      {saving.conflict && (
        <ConflictAlert message={t("designer.conflict")} action={t("designer.reload")} onReload={() => void reloadAfterConflict()} />
      )}
      <ColumnProblems
        errors={saving.errors.columns}
        columns={state.columns}
        onJump={(uid) => {
          setTab("columns");
          setJump((current) => ({ uid, count: (current?.count ?? 0) + 1 }));
        }}
      />
      <ProblemAlert message={saving.problem} />
      <ProblemAlert message={checkProblem} />
      <PublishDialog
        opened={pending !== null}
        preview={pending?.preview ?? null}
        publishing={saving.publishing}
        onConfirm={() => void confirmPublish()}
        onClose={() => setPending(null)}
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="columns">{t("designer.tabs.columns")}</Tabs.Tab>
          <Tabs.Tab value="form">{t("designer.tabs.form")}</Tabs.Tab>
          <Tabs.Tab value="versions">{t("designer.tabs.versions")}</Tabs.Tab>
          <Tabs.Tab value="details">{t("designer.tabs.details")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="columns" pt="lg">
          <ColumnsTab state={state} dispatch={dispatch} errors={saving.errors.columns} linkable={linkable} timeZone={timeZone} slug={slug} jump={jump} />
        </Tabs.Panel>
        <Tabs.Panel value="form" pt="lg">
          <FormTab state={state} dispatch={dispatch} errors={saving.errors.form} timeZone={timeZone} slug={slug} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="lg">
          <VersionsTab versions={blueprint.versions ?? []} timeZone={timeZone} slug={slug} blueprintKey={blueprint.key} />
        </Tabs.Panel>
        <Tabs.Panel value="details" pt="lg">
          <Stack gap="xl">
            <DetailsTab details={details} onChange={setDetails} errors={saving.errors} />
            <Group>
              <DeleteBlueprintButton slug={slug} blueprintKey={blueprint.key} onDeleted={() => (leaving.current = true)} />
            </Group>
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
