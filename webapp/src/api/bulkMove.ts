/** Moving several records of the grid to one state at once, each by the step that leads there. */
import { api } from "./client";
import type { EntityData } from "./entities";

/** A state records of a blueprint can be moved to: an option of the column a published flow moves. */
export interface MoveTarget {
  value: string;
  label: string;
  /** Key of the state column. */
  column: string;
  column_label: string;
}

/** Why a record was not moved. */
export type RefusalCode = "not_found" | "no_transition" | "several" | "forbidden" | "conflict" | "invalid" | "failed";

export interface RefusedRecord {
  id: string;
  /** null for a record that was not found. */
  title: string | null;
  code: RefusalCode;
  reason: string;
}

/** What a bulk move did; also the result of its background job while it runs. */
export interface BulkMoveResult {
  moved: number;
  /** Records already in that state, left as they were. */
  skipped: number;
  refused: RefusedRecord[];
  /** All refused records; `refused` names at most the first thousand of a big move. */
  refused_count: number;
}

export interface BulkMoveAnswer extends BulkMoveResult {
  /** The background job moving many records, or null when they were moved at once. */
  job: string | null;
}

export interface BulkMoveInput {
  ids: string[];
  to: string;
  data?: EntityData;
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/entities/move`;

export function moveRecords(slug: string, input: BulkMoveInput): Promise<BulkMoveAnswer> {
  return api.post(base(slug), { data: {}, ...input });
}

export async function listMoveTargets(slug: string, blueprint: string, signal?: AbortSignal): Promise<MoveTarget[]> {
  const answer: { targets: MoveTarget[] } = await api.get(`${base(slug)}/targets`, { query: { blueprint }, signal });
  return answer.targets;
}
