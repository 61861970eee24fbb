import { Alert, List } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Column, VersionSummary } from "../../api/blueprints";
import { ApiError } from "../../api/client";
import type { Entity } from "../../api/entities";
import { migrateEntity } from "../../api/migrations";
import { describeError } from "../../app/components/errors";
import { blueprintKeys } from "../../api/queries/blueprints";
import { entityKeys } from "../../app/entityKeys";

/** The values that cannot move, by column: `data.qty` → "Qty: …". */
function blockedValues(error: unknown, columns: readonly Column[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return Object.entries(error.fieldErrors)
    .filter(([key]) => key.startsWith("data.") || columns.some((column) => column.key === key))
    .map(([key, messages]) => {
      const column = key.startsWith("data.") ? key.slice(5).split(".")[0] : key;
      return `${columns.find((candidate) => candidate.key === column)?.label ?? column}: ${messages.join(" ")}`;
    });
}

/** Moving a record to another version of its blueprint: the versions it can go to, and the move. */
export function useMoveVersion(slug: string, entity: Entity, versions: readonly VersionSummary[]) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = entity.blueprint_version.number;
  const latest = Math.max(0, ...versions.map((version) => version.number));
  const others = versions.map((version) => version.number).filter((number) => number !== current).sort((a, b) => b - a);
  const move = useMutation({
    mutationFn: (to: number) => migrateEntity(slug, entity.id, entity.version, to),
    onSuccess: (moved, to) => {
      queryClient.setQueryData(entityKeys.detail(slug, moved.id), moved);
      void queryClient.invalidateQueries({ queryKey: [...entityKeys.all(slug), "list"] });
      void queryClient.invalidateQueries({ queryKey: blueprintKeys.detail(slug, entity.blueprint) });
      notifications.show({ message: t("migrations.moved", { number: to }), color: "green" });
    },
  });
  return { current, latest, others, move };
}

/** Why the last move failed: the values that cannot move, a conflict, or the error. */
export function MoveVersionProblem({ move, columns }: { move: ReturnType<typeof useMoveVersion>["move"]; columns: readonly Column[] }) {
  const { t } = useTranslation();
  if (!move.isError) return null;
  const blocked = blockedValues(move.error, columns);
  const conflict = move.error instanceof ApiError && move.error.status === 409;
  return (
    <Alert color="red" variant="light" role="alert" title={blocked.length ? t("migrations.cannotMove", { number: move.variables }) : undefined}>
      {blocked.length ? (
        <List size="sm">
          {blocked.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      ) : conflict ? (
        t("records.conflict")
      ) : (
        describeError(move.error, t)
      )}
    </Alert>
  );
}
