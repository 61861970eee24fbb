import type { DueFilter, InboxQuery } from "../../api/inbox";

export type AssigneeChoice = "all" | "me" | "unassigned";
export type DueChoice = "any" | DueFilter;

/** What the inbox's filter controls hold. */
export interface InboxFilterState {
  flow: string | null;
  blueprint: string | null;
  assignee: AssigneeChoice;
  due: DueChoice;
  /** The record filter's JSON tree, serialized; only with a blueprint. */
  filter: string | null;
}

export const NO_FILTERS: InboxFilterState = { flow: null, blueprint: null, assignee: "all", due: "any", filter: null };

export const ASSIGNEE_CHOICES: AssigneeChoice[] = ["all", "me", "unassigned"];
export const DUE_CHOICES: DueChoice[] = ["any", "overdue", "today", "week"];

/** The API's query for the controls: "everyone" and "any time" are no filter at all. */
export function inboxQuery(state: InboxFilterState): InboxQuery {
  return {
    flow: state.flow || null,
    blueprint: state.blueprint || null,
    assignee: state.assignee === "all" ? null : state.assignee,
    due: state.due === "any" ? null : state.due,
    filter: state.blueprint ? state.filter : null,
  };
}

export function hasFilters(state: InboxFilterState): boolean {
  const query = inboxQuery(state);
  return !!(query.flow || query.blueprint || query.assignee || query.due || query.filter);
}

const pick = <T extends string>(value: string | null, choices: readonly T[], fallback: T): T =>
  choices.find((choice) => choice === value) ?? fallback;

/** The filters a link holds (`?flow=&blueprint=&assignee=&due=&filter=`); unknown values mean no filter. */
export function filtersFromParams(params: URLSearchParams): InboxFilterState {
  const blueprint = params.get("blueprint") || null;
  return {
    flow: params.get("flow") || null,
    blueprint,
    assignee: pick(params.get("assignee"), ASSIGNEE_CHOICES, "all"),
    due: pick(params.get("due"), DUE_CHOICES, "any"),
    filter: blueprint ? params.get("filter") || null : null,
  };
}

/** The filters as a link's query: only what narrows the list, so the plain inbox has a plain address. */
export function filtersToParams(state: InboxFilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(inboxQuery(state))) if (value) params.set(key, value);
  return params;
}
