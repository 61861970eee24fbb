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
