/**
 * The board: a blueprint's records grouped by one of its choice columns, each
 * value a column with its count and first page (`GET /board`), further pages
 * one column at a time (`GET /board/column`), and moving a record to a value
 * (`POST /entities/<id>/move`), which presses the one waiting flow button that
 * leads there.
 */
import type { Column } from "./blueprints";
import { api, ApiError } from "./client";
import type { Entity, EntityData } from "./entities";
import type { CompleteResult, FlowRef } from "./inbox";

export const BOARD_PAGE_SIZE = 20;

export interface BoardColumnPage {
  items: Entity[];
  next_cursor: string | null;
}

export interface BoardColumn extends BoardColumnPage {
  /** The choice's value; null: the records without one (always the last column). */
  value: string | null;
  label: string;
  count: number;
}

export interface Board {
  /** Key of the choice column the board groups by (the asked one, or the server's default). */
  column: string;
  columns: BoardColumn[];
  /** The published flow whose steps move this column; null: moves are not possible here. */
  state_flow: FlowRef | null;
}

/** A button that asks for a form before it moves the record (422 on `data`). */
export interface MoveButton {
  id: string;
  label: string;
  fields: Column[];
}

const tenant = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}`;

/** The board; without a column, grouped by the state column a flow moves (else the first choice column). */
export function getBoard(slug: string, blueprint: string, column: string | null, signal?: AbortSignal): Promise<Board> {
  return api.get(`${tenant(slug)}/board`, { query: { blueprint, column: column ?? undefined, per_column: BOARD_PAGE_SIZE }, signal });
}

/** The next page of one column; `value` null for the records without a value. */
export function getBoardColumn(
  slug: string,
  query: { blueprint: string; column: string; value: string | null; cursor: string },
  signal?: AbortSignal,
): Promise<BoardColumnPage> {
  const { blueprint, column, value, cursor } = query;
  return api.get(`${tenant(slug)}/board/column`, { query: { blueprint, column, value: value ?? "", cursor, limit: BOARD_PAGE_SIZE }, signal });
}

/**
 * Moves a record to the state `to`. Without `data` a button with a form is not
 * pressed: the server answers 422 on `data` with the button (see `formOf`).
 */
export function moveEntity(slug: string, entityId: string, to: string, data?: EntityData): Promise<CompleteResult> {
  return api.post(`${tenant(slug)}/entities/${encodeURIComponent(entityId)}/move`, data === undefined ? { to } : { to, data });
}

/** The button whose form a move must ask first, when that is what the error says. */
export function formOf(error: unknown): MoveButton | null {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.fieldErrors.data) return null;
  const button = error.problem.button as MoveButton | undefined;
  return button && Array.isArray(button.fields) ? button : null;
}
