import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import type { Entity } from "../../api/entities";
import { describeError } from "../../app/components/errors";
import type { GridColumn } from "../../app/records/gridColumns";
import { useDeleteEntity, useUpdateEntity } from "./queries";
import { recordProblem } from "./recordErrors";
import { useDeletedNotice } from "./useDeletedNotice";
import { inputToStored, type InputValue } from "../../app/records/values";

/** Inline saves and deletes from the grid, with the conflict (409) they can meet. */
export function useRecordActions(slug: string, timeZone: string) {
  const { t } = useTranslation();
  const update = useUpdateEntity(slug);
  const remove = useDeleteEntity(slug);
  const announceDeleted = useDeletedNotice(slug);
  const [conflict, setConflict] = useState(false);
  const [deleting, setDeleting] = useState<Entity | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);

  /** Saves one cell; resolves to a message for the editor, or null when the editor may close. */
  const saveCell = async (entity: Entity, column: GridColumn, input: InputValue): Promise<string | null> => {
    if (!column.column) return null;
    const parsed = inputToStored(column.column, input, timeZone);
    if (!parsed.ok) return t(`values.problems.${parsed.problem}`);
    try {
      await update.mutateAsync({ id: entity.id, version: entity.version, data: { [column.key]: parsed.value } });
      setConflict(false);
      return null;
    } catch (error) {
      const problem = recordProblem(error, [column.key], t);
      if (problem.conflict) {
        setConflict(true);
        return null;
      }
      return problem.fields[column.key] ?? problem.message ?? describeError(error, t);
    }
  };

  const askDelete = (entity: Entity) => {
    setDeleteProblem(null);
    setDeleting(entity);
  };

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(
      { id: deleting.id, version: deleting.version },
      {
        onSuccess: (_, { id }) => {
          setDeleting(null);
          announceDeleted(id);
        },
        onError: (error) =>
          setDeleteProblem(error instanceof ApiError && error.status === 409 ? t("records.conflict") : describeError(error, t)),
      },
    );
  };

  return {
    saveCell,
    conflict,
    clearConflict: () => setConflict(false),
    deleting,
    askDelete,
    cancelDelete: () => setDeleting(null),
    confirmDelete,
    deleteProblem,
    deletePending: remove.isPending,
  };
}
