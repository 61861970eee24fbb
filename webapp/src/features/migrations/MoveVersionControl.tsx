import { Alert, Button, Group, List, Menu } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Column, VersionSummary } from "../../api/blueprints";
import { ApiError } from "../../api/client";
import type { Entity } from "../../api/entities";
import { migrateEntity } from "../../api/migrations";
import { describeError } from "../../app/components/errors";
import { IconChevronDown } from "../../app/components/icons";
import { blueprintKeys } from "../blueprints/queries";
import { entityKeys } from "../entities/queries";

interface MoveVersionControlProps {
  slug: string;
  entity: Entity;
  versions: VersionSummary[];
  /** The columns of the record's version, to name the values that cannot move. */
  columns: Column[];
}

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

/** On a record's page: move it to the latest version, or to any other version. */
export function MoveVersionControl({ slug, entity, versions, columns }: MoveVersionControlProps) {
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
  if (!others.length) return null;

  const blocked = blockedValues(move.error, columns);
  const conflict = move.error instanceof ApiError && move.error.status === 409;
  return (
    <>
      <Group gap="xs">
        {current < latest && (
          <Button size="xs" onClick={() => move.mutate(latest)} loading={move.isPending && move.variables === latest}>
            {t("migrations.moveTo", { number: latest })}
          </Button>
        )}
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />} disabled={move.isPending}>
              {t("migrations.moveOther")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {others.map((number) => (
              <Menu.Item key={number} onClick={() => move.mutate(number)}>
                {t("migrations.version", { number })}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {move.isError && (
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
      )}
    </>
  );
}
