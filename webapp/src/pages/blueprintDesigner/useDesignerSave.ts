import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import type { Blueprint, BlueprintChanges, BlueprintVersion } from "../../api/blueprints";
import { describeError } from "../../app/components/errors";
import { usePublishBlueprint, useUpdateBlueprint } from "../../api/queries/blueprints";
import { mapDesignerErrors, noDesignerErrors, type DesignerErrors } from "./serverErrors";

/**
 * Saving and publishing the draft, and what went wrong: field errors placed on
 * the columns they name, a conflict (409) when someone else saved first, or a
 * message for everything else.
 */
export function useDesignerSave(slug: string, key: string) {
  const { t } = useTranslation();
  const update = useUpdateBlueprint(slug, key);
  const publish = usePublishBlueprint(slug, key);
  const [errors, setErrors] = useState<DesignerErrors>(noDesignerErrors);
  const [conflict, setConflict] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const fail = (error: unknown, columnUids: readonly string[]) => {
    if (error instanceof ApiError && error.status === 409) {
      setConflict(true);
      return;
    }
    if (error instanceof ApiError && error.isValidation && Object.keys(error.fieldErrors).length) {
      const mapped = mapDesignerErrors(error.fieldErrors, columnUids);
      setErrors(mapped);
      // Column messages go on their columns and in the banner that links to them (ColumnProblems).
      setProblem(mapped.general.join(" ") || null);
      return;
    }
    setProblem(describeError(error, t));
  };

  const clear = () => {
    setErrors(noDesignerErrors);
    setProblem(null);
    setConflict(false);
  };

  /** Sends one request with the old messages cleared; when it fails, says why and answers null. */
  const attempt = async <T>(request: () => Promise<T>, columnUids: readonly string[]): Promise<T | null> => {
    clear();
    try {
      return await request();
    } catch (error) {
      fail(error, columnUids);
      return null;
    }
  };

  const save = (changes: BlueprintChanges, columnUids: readonly string[]): Promise<Blueprint | null> =>
    attempt(() => update.mutateAsync(changes), columnUids);

  const publishDraft = (lockVersion: number, columnUids: readonly string[]): Promise<BlueprintVersion | null> =>
    attempt(() => publish.mutateAsync(lockVersion), columnUids);

  /** Forgets the messages about one column once it is edited. */
  const clearColumn = (uid: string) => {
    if (!errors.columns[uid]) return;
    const columns = { ...errors.columns };
    delete columns[uid];
    setErrors({ ...errors, columns });
  };

  return {
    save,
    publish: publishDraft,
    clear,
    clearColumn,
    errors,
    conflict,
    problem,
    saving: update.isPending,
    publishing: publish.isPending,
  };
}
