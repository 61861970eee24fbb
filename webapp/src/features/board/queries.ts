import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getBoard, getBoardColumn, moveEntity, type Board, type BoardColumn } from "../../api/board";
import type { Entity, EntityData } from "../../api/entities";

export const boardKeys = {
  board: (slug: string, blueprint: string, column: string | null) => ["board", slug, blueprint, column] as const,
};

/** The board, each column with its count and first page; further pages are added to it by `useShowMore`. */
export function useBoard(slug: string, blueprint: string, column: string | null) {
  return useQuery({
    queryKey: boardKeys.board(slug, blueprint, column),
    queryFn: ({ signal }) => getBoard(slug, blueprint, column, signal),
  });
}

type Key = ReturnType<typeof boardKeys.board>;

function sameValue(column: BoardColumn, value: unknown): boolean {
  return column.value === (value === undefined || value === "" ? null : value);
}

/** The board with a record where its values put it now: out of its old column, on top of its new one. */
export function placeRecord(board: Board, entity: Entity): Board {
  const target = board.columns.find((column) => sameValue(column, entity.data[board.column]));
  return {
    ...board,
    columns: board.columns.map((column) => {
      const had = column.items.some((item) => item.id === entity.id);
      const items = column.items.filter((item) => item.id !== entity.id);
      let count = column.count - (had ? 1 : 0);
      if (column === target) {
        items.unshift(entity);
        count += 1;
      }
      return { ...column, items, count };
    }),
  };
}

/** Loads a column's next page and adds it under the cards it shows. */
export function useShowMore(slug: string, key: Key) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ board, column }: { board: Board; column: BoardColumn }) =>
      getBoardColumn(slug, { blueprint: key[2], column: board.column, value: column.value, cursor: column.next_cursor ?? "" }),
    onSuccess: (page, { column }) => {
      queryClient.setQueryData<Board>(key, (board) =>
        board && {
          ...board,
          columns: board.columns.map((one) => {
            if (one.value !== column.value) return one;
            const known = new Set(one.items.map((item) => item.id));
            return { ...one, items: [...one.items, ...page.items.filter((item) => !known.has(item.id))], next_cursor: page.next_cursor };
          }),
        },
      );
    },
  });
}

/**
 * Moves a record by the flow button that leads to `to`. The card moves when the
 * server says it did (no guess to undo); the grid and the inbox load again.
 */
export function useMove(slug: string, key: Key) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entity, to, data }: { entity: Entity; to: string; data?: EntityData }) => moveEntity(slug, entity.id, to, data),
    onSuccess: ({ entity }) => {
      queryClient.setQueryData<Board>(key, (board) => board && placeRecord(board, entity));
      // Other boards of this blueprint, the records grid and the inbox show the record too.
      void queryClient.invalidateQueries({ queryKey: ["board", slug], refetchType: "none" });
      void queryClient.invalidateQueries({ queryKey: ["entities", slug] });
      void queryClient.invalidateQueries({ queryKey: ["inbox", slug] });
    },
  });
}
