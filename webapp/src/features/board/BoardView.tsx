import { Group, Modal, ScrollArea, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formOf, type BoardColumn, type MoveButton } from "../../api/board";
import type { Column } from "../../api/blueprints";
import type { Entity, EntityData } from "../../api/entities";
import type { Tenant } from "../../api/types";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError } from "../../app/components/errors";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { TransitionForm, type FormOutcome } from "../../app/components/TransitionForm";
import { transitionProblem } from "../../app/components/transitionErrors";
import { canEdit } from "../../app/roles";
import { BoardCard } from "./BoardCard";
import { BoardLane } from "./BoardLane";
import { cardTitle } from "./cards";
import { boardKeys, useBoard, useMove, useShowMore } from "./queries";

export interface BoardViewProps {
  tenant: Tenant;
  blueprint: { key: string; name: string };
  /** The published version's columns: the choice ones can group the board, the others fill the cards. */
  columns: Column[];
  /** Key of the choice column to group by; null: the one a flow moves (the server's choice). */
  groupBy: string | null;
  onGroupBy: (key: string) => void;
}

interface Asking {
  entity: Entity;
  to: BoardColumn;
  button: MoveButton;
}

/**
 * A blueprint's records as a board: one column per value of a choice column,
 * each with its count, its newest cards and "Show more". Moving a card to
 * another column presses the flow's button that leads there (its form asked
 * first); the card moves once the server has done it.
 */
export function BoardView({ tenant, blueprint, columns, groupBy, onGroupBy }: BoardViewProps) {
  const { t } = useTranslation();
  const { slug, timezone: timeZone } = tenant;
  const choices = useMemo(() => columns.filter((column) => column.type === "choice"), [columns]);
  const key = boardKeys.board(slug, blueprint.key, groupBy);
  const board = useBoard(slug, blueprint.key, groupBy);
  const move = useMove(slug, key);
  const more = useShowMore(slug, key);
  const dragged = useRef<Entity | null>(null);
  const [dragging, setDragging] = useState<Entity | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const lastAsked = useRef<Asking | null>(null);
  if (asking) lastAsked.current = asking;

  if (!choices.length)
    return (
      <EmptyState title={t("board.noChoiceTitle")}>{t("board.noChoiceBody", { name: blueprint.name })}</EmptyState>
    );
  if (board.isPending) return <PageLoader />;
  if (board.isError) return <ProblemAlert message={describeError(board.error, t)} />;

  const data = board.data;
  const grouping = choices.find((column) => column.key === data.column);
  const groupLabel = grouping?.label ?? data.column;
  const laneLabel = (column: BoardColumn) => (column.value === null ? t("board.noValue", { column: groupLabel }) : column.label);
  const edits = canEdit(tenant);
  const movesHere = edits && data.state_flow !== null;
  const movingId = move.isPending ? move.variables.entity.id : null;
  const valueOf = (entity: Entity) => {
    const value = entity.data[data.column];
    return value === undefined || value === "" ? null : value;
  };
  const targetsOf = (entity: Entity) =>
    movesHere ? data.columns.filter((column) => column.value !== null && column.value !== valueOf(entity)) : [];

  const refuse = (error: unknown) =>
    notifications.show({ color: "red", title: t("board.notMoved"), message: describeError(error, t) });
  const moved = (entity: Entity, to: BoardColumn) =>
    notifications.show({ color: "green", message: t("board.moved", { title: cardTitle(columns, entity, t), column: laneLabel(to) }) });

  const requestMove = (entity: Entity, to: BoardColumn) => {
    if (to.value === null || to.value === valueOf(entity) || move.isPending) return;
    move.mutate(
      { entity, to: to.value },
      {
        onSuccess: () => moved(entity, to),
        onError: (error) => {
          const button = formOf(error);
          if (button) setAsking({ entity, to, button });
          else refuse(error);
        },
      },
    );
  };

  const submitForm = async (values: EntityData): Promise<FormOutcome | null> => {
    if (!asking || asking.to.value === null) return null;
    const { entity, to, button } = asking;
    try {
      await move.mutateAsync({ entity, to: to.value as string, data: values });
    } catch (error) {
      const result = transitionProblem(error, button.fields.map((field) => field.key), t);
      if (!result.conflict) return { fields: result.fields, message: result.message };
      setAsking(null);
      refuse(error);
      return null;
    }
    setAsking(null);
    moved(entity, to);
    return null;
  };

  const shownAsk = asking ?? lastAsked.current;
  let hint: string;
  if (!edits) hint = t("board.readOnly");
  else if (data.state_flow) hint = t("board.movesWith", { flow: data.state_flow.name });
  else hint = t("board.noFlow", { column: groupLabel });

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <LabelledSelect
          label={t("board.groupBy")}
          data={choices.map((column) => ({ value: column.key, label: column.label }))}
          value={data.column}
          onChange={(value) => value && onGroupBy(value)}
          allowDeselect={false}
          w={220}
        />
        <Text size="xs" c="dimmed" maw={640}>
          {hint}
        </Text>
      </Group>
      <ScrollArea type="auto" offsetScrollbars>
        <Group
          role="group"
          aria-label={t("board.boardLabel", { name: blueprint.name, column: groupLabel })}
          align="flex-start"
          wrap="nowrap"
          gap="sm"
          pb="sm"
        >
          {data.columns.map((column) => (
            <BoardLane
              key={column.value ?? ""}
              column={column}
              label={laneLabel(column)}
              accepts={!!dragging && movesHere && column.value !== null && column.value !== valueOf(dragging)}
              onDrop={() => {
                const entity = dragged.current;
                dragged.current = null;
                setDragging(null);
                if (entity) requestMove(entity, column);
              }}
              onShowMore={() => more.mutate({ board: data, column }, { onError: refuse })}
              loadingMore={more.isPending && more.variables.column.value === column.value}
            >
              {column.items.map((entity) => (
                <BoardCard
                  key={entity.id}
                  slug={slug}
                  timeZone={timeZone}
                  entity={entity}
                  columns={columns}
                  groupBy={data.column}
                  targets={targetsOf(entity)}
                  moving={movingId === entity.id}
                  onMove={requestMove}
                  onDragStart={(one) => {
                    dragged.current = one;
                    setDragging(one);
                  }}
                  onDragEnd={() => setDragging(null)}
                />
              ))}
            </BoardLane>
          ))}
        </Group>
      </ScrollArea>
      <Modal opened={!!asking} onClose={() => setAsking(null)} title={shownAsk?.button.label} centered size={shownAsk && shownAsk.button.fields.length > 1 ? "lg" : "md"}>
        {shownAsk && (
          <TransitionForm
            key={`${shownAsk.entity.id}:${shownAsk.button.id}`}
            slug={slug}
            timeZone={timeZone}
            label={shownAsk.button.label}
            fields={shownAsk.button.fields}
            title={cardTitle(columns, shownAsk.entity, t)}
            data={shownAsk.entity.data}
            onCancel={() => setAsking(null)}
            onSubmit={submitForm}
          />
        )}
      </Modal>
    </Stack>
  );
}

export default BoardView;
