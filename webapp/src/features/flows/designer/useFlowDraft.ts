import { notifications } from "@mantine/notifications";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Flow, FlowProblem } from "../../../api/flows";
import { refusalText } from "../../../app/components/refusalText";
import type { ModelerHandle } from "../../../designer/modelerHandle";
import { useUpdateFlow } from "../queries";
import { useFlowPublishing } from "../useFlowPublishing";
import { problemElements, readFlowFailure, type FlowFailure } from "./flowErrors";

/**
 * The draft being drawn: whether it differs from what the server has, saving
 * it (PATCH with the lock version), publishing it, and what went wrong. The
 * modeler is reached through its handle, so this works with any canvas.
 */
export function useFlowDraft(slug: string, flow: Flow, refetch: () => Promise<Flow | undefined>) {
  const { t, i18n } = useTranslation();
  const update = useUpdateFlow(slug, flow.key);
  const publishing = useFlowPublishing(slug, flow.key);
  const handleRef = useRef<ModelerHandle | null>(null);
  const lockVersion = useRef(flow.lock_version);
  const baseline = useRef<string | null>(null);
  const changes = useRef(0);
  const [ready, setReady] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<FlowProblem[]>(flow.draft.problems ?? []);
  const [failure, setFailure] = useState<FlowFailure | null>(null);
  const [published, setPublished] = useState<number | null>(null);

  const show = (next: FlowProblem[]) => {
    setProblems(next);
    handleRef.current?.highlight(problemElements(next));
  };

  /** Compares the drawing with the last saved XML; the latest call wins. */
  const recheck = useCallback(async () => {
    const handle = handleRef.current;
    if (!handle) return false;
    const count = ++changes.current;
    const xml = await handle.exportXml();
    const differs = xml !== baseline.current;
    if (count === changes.current) setDirty(differs);
    return differs;
  }, []);

  const onReady = useCallback(async (handle: ModelerHandle) => {
    handleRef.current = handle;
    baseline.current = await handle.exportXml();
    handle.highlight(problemElements(flow.draft.problems ?? []));
    setReady(true);
  }, []);

  const fail = (error: unknown) => {
    const result = readFlowFailure(error, t);
    setFailure(result);
    if (result.kind === "problems") {
      show(result.problems);
      if (result.element) handleRef.current?.select(result.element);
    }
  };

  const save = async (): Promise<Flow | null> => {
    const handle = handleRef.current;
    if (!handle) return null;
    setFailure(null);
    setPublished(null);
    const xml = await handle.exportXml();
    try {
      const saved = await update.mutateAsync({ lock_version: lockVersion.current, xml });
      lockVersion.current = saved.lock_version;
      baseline.current = xml;
      show(saved.draft.problems ?? []);
      await recheck();
      return saved;
    } catch (error) {
      fail(error);
      return null;
    }
  };

  const saveDraft = async () => {
    if (await save()) notifications.show({ message: t("flows.designer.saved"), color: "green" });
  };

  /** A problem as one line, led by its element's name when the drawing has one. */
  const line = (problem: FlowProblem) => {
    const name = problem.element ? handleRef.current?.elementName(problem.element) : null;
    const message = refusalText(problem, t, i18n.language);
    return name ? `${name}: ${message}` : message;
  };

  /** Saves unsaved drawing first, then asks the server what publishing would do (the dialog shows it). */
  const publish = async () => {
    const handle = handleRef.current;
    if (!handle) return;
    setFailure(null);
    setPublished(null);
    // Read the drawing now: a field just left may have changed it a moment ago.
    if ((await handle.exportXml()) !== baseline.current && !(await save())) return;
    try {
      const problems = await publishing.check(line);
      if (problems.length) show(problems);
    } catch (error) {
      fail(error);
    }
  };

  /** Publishes the draft the dialog showed. */
  const confirmPublish = async () => {
    try {
      const version = await publishing.confirm(lockVersion.current);
      setPublished(version.number);
      show([]);
      const fresh = await refetch();
      if (fresh) lockVersion.current = fresh.lock_version;
    } catch (error) {
      fail(error);
    }
  };

  /** The flow's name or description, saved on their own; the drawing stays as it is. */
  const saveDetails = async (changes: { name?: string; description?: string }): Promise<Flow> => {
    const saved = await update.mutateAsync({ lock_version: lockVersion.current, ...changes });
    lockVersion.current = saved.lock_version;
    return saved;
  };

  /** The flow the server answered with after keeping another part of the draft (a decision
   * table): its lock version moved on, and its problems are the draft's now. */
  const adopt = (saved: Flow) => {
    lockVersion.current = saved.lock_version;
    show(saved.draft.problems ?? []);
  };

  /** After a conflict: shows the server's draft instead of the local one. */
  const loadLatest = async () => {
    const handle = handleRef.current;
    const fresh = await refetch();
    if (!handle || !fresh) return;
    await handle.importXml(fresh.draft.xml);
    lockVersion.current = fresh.lock_version;
    baseline.current = await handle.exportXml();
    setDirty(false);
    setFailure(null);
    show(fresh.draft.problems ?? []);
  };

  return {
    handle: handleRef,
    ready,
    dirty,
    problems,
    failure,
    published,
    saving: update.isPending,
    publishing: publishing.publishing,
    checking: publishing.checking,
    preview: publishing.preview,
    confirmPublish,
    cancelPublish: publishing.cancel,
    onReady,
    recheck,
    saveDraft,
    publish,
    loadLatest,
    saveDetails,
    adopt,
    /** The lock version the next save sends: the one the last answer from the server carried. */
    lockVersion: () => lockVersion.current,
    select: (elementId: string) => handleRef.current?.select(elementId) ?? false,
  };
}

export type FlowDraft = ReturnType<typeof useFlowDraft>;
