/**
 * The filter builder's tree, and its JSON form for `GET .../entities?filter=`:
 * `{"and": [cond | group, ...]}` or `{"or": [...]}` with
 * cond = `{"column", "op", "value"}`. Values are converted per column type,
 * date-times from the tenant's wall clock to ISO with offset.
 */
import type { ColumnOption } from "../../api/blueprints";
import type { FieldErrors } from "../../api/errors";
import type { ColumnType, ColumnTypeInfo, FilterOperator } from "../../api/types";
import { operatorsFor } from "../columnTypes";
import { emptyInput, inputToStored, type InputValue, type ValueProblem } from "./values";

/** A column the filter can use: a blueprint column or a system field. */
export interface FilterField {
  key: string;
  label: string;
  type: ColumnType;
  options?: ColumnOption[];
}

export type Combinator = "and" | "or";

export interface FilterCondition {
  kind: "condition";
  id: string;
  column: string | null;
  op: FilterOperator | null;
  value: InputValue;
  from: string;
  to: string;
  list: string[];
  within: { direction: "last" | "next"; days: string };
}

export interface FilterGroup {
  kind: "group";
  id: string;
  combinator: Combinator;
  children: FilterNode[];
}

export type FilterNode = FilterCondition | FilterGroup;

export type FilterJson = { and: FilterJsonNode[] } | { or: FilterJsonNode[] };
export type FilterJsonNode = FilterJson | { column: string; op: FilterOperator; value?: unknown };

let counter = 0;
const nextId = (prefix: string) => `${prefix}${(counter += 1)}`;

export function newCondition(): FilterCondition {
  return {
    kind: "condition",
    id: nextId("c"),
    column: null,
    op: null,
    value: "",
    from: "",
    to: "",
    list: [],
    within: { direction: "last", days: "7" },
  };
}

export function newGroup(combinator: Combinator = "and", children: FilterNode[] = []): FilterGroup {
  return { kind: "group", id: nextId("g"), combinator, children };
}

/** The starting point: an "all of these" group with one empty condition. */
export function emptyFilter(): FilterGroup {
  return newGroup("and", [newCondition()]);
}

/** Operators for a field; the record id only compares for equality. */
export function operatorsForField(field: FilterField, known?: readonly ColumnTypeInfo[]): FilterOperator[] {
  if (field.key === "id") return ["eq", "ne", "in"];
  return operatorsFor(field.type, known);
}

export function mapTree(node: FilterGroup, fn: (node: FilterNode) => FilterNode): FilterGroup {
  const children = node.children.map((child) => {
    const mapped = fn(child);
    return mapped.kind === "group" && mapped === child ? mapTree(mapped, fn) : mapped;
  });
  return { ...node, children };
}

export function updateNode(root: FilterGroup, id: string, patch: Partial<FilterCondition> | Partial<FilterGroup>): FilterGroup {
  if (root.id === id) return { ...root, ...(patch as Partial<FilterGroup>) };
  return mapTree(root, (node) => (node.id === id ? ({ ...node, ...patch } as FilterNode) : node));
}

export function addToGroup(root: FilterGroup, groupId: string, child: FilterNode): FilterGroup {
  if (root.id === groupId) return { ...root, children: [...root.children, child] };
  return mapTree(root, (node) =>
    node.kind === "group" && node.id === groupId ? { ...node, children: [...node.children, child] } : node,
  );
}

export function removeNode(root: FilterGroup, id: string): FilterGroup {
  const children = root.children
    .filter((child) => child.id !== id)
    .map((child) => (child.kind === "group" ? removeNode(child, id) : child));
  return { ...root, children };
}

/** A condition pointed at another column: the first operator that column allows, and no value. */
export function chooseColumn(condition: FilterCondition, field: FilterField, known?: readonly ColumnTypeInfo[]): FilterCondition {
  return {
    ...condition,
    column: field.key,
    op: operatorsForField(field, known)[0] ?? null,
    value: emptyInput(field),
    from: "",
    to: "",
    list: [],
  };
}

export function countConditions(node: FilterGroup): number {
  return node.children.reduce(
    (sum, child) => sum + (child.kind === "group" ? countConditions(child) : child.column ? 1 : 0),
    0,
  );
}

export type ConditionProblem = ValueProblem | "missing";

export interface SerializedFilter {
  /** The JSON tree, or null when no condition is complete. */
  tree: FilterJson | null;
  /** Index path in the JSON ("0", "2.1") → condition id, to place server errors. */
  paths: Record<string, string>;
  /** Conditions whose values cannot be sent, by condition id. */
  problems: Record<string, ConditionProblem>;
}

function convert(field: FilterField, input: InputValue, timeZone: string): { value?: unknown; problem?: ConditionProblem } {
  const column = { type: field.type === "choices" ? ("choice" as const) : field.type };
  const parsed = inputToStored(column, input, timeZone);
  if (!parsed.ok) return { problem: parsed.problem };
  if (parsed.value === null) return { problem: "missing" };
  return { value: parsed.value };
}

function conditionJson(condition: FilterCondition, field: FilterField, timeZone: string) {
  const op = condition.op!;
  const base = { column: field.key, op };
  if (op === "empty" || op === "not_empty") return { json: base };
  if (op === "between") {
    const low = convert(field, condition.from, timeZone);
    const high = convert(field, condition.to, timeZone);
    const problem = low.problem ?? high.problem;
    return problem ? { problem } : { json: { ...base, value: [low.value, high.value] } };
  }
  if (op === "in") {
    if (!condition.list.length) return { problem: "missing" as const };
    const values = condition.list.map((item) => convert(field, item, timeZone));
    const problem = values.find((value) => value.problem)?.problem;
    return problem ? { problem } : { json: { ...base, value: values.map((value) => value.value) } };
  }
  if (op === "within") {
    const days = Number(condition.within.days);
    if (!/^\d+$/.test(condition.within.days.trim()) || days < 1) return { problem: "wholeNumber" as const };
    return { json: { ...base, value: { [condition.within.direction]: days } } };
  }
  const single = convert(field, condition.value, timeZone);
  return single.problem ? { problem: single.problem } : { json: { ...base, value: single.value } };
}

/** The JSON for the API, where each condition sits in it, and what stops conditions from being sent. */
export function serializeFilter(root: FilterGroup, fields: readonly FilterField[], timeZone: string): SerializedFilter {
  const paths: Record<string, string> = {};
  const problems: Record<string, ConditionProblem> = {};

  const walk = (group: FilterGroup, prefix: string): FilterJson | null => {
    const items: FilterJsonNode[] = [];
    for (const child of group.children) {
      const path = `${prefix}${items.length}`;
      if (child.kind === "group") {
        const nested = walk(child, `${path}.`);
        if (nested) items.push(nested);
        continue;
      }
      const field = fields.find((candidate) => candidate.key === child.column);
      if (!field || !child.op) continue;
      const result = conditionJson(child, field, timeZone);
      if (result.problem) problems[child.id] = result.problem;
      else if (result.json) {
        paths[path] = child.id;
        items.push(result.json);
      }
    }
    if (!items.length) return null;
    return group.combinator === "or" ? { or: items } : { and: items };
  };

  return { tree: walk(root, ""), paths, problems };
}

export interface FilterErrors {
  /** Messages for single conditions, by condition id. */
  conditions: Record<string, string>;
  /** Messages about the filter as a whole, or that no condition matches. */
  general: string[];
}

/**
 * Places a 422's messages: `filter` is about the whole filter; `filter.0.op`,
 * `filter.1.0.value` or `filter.and.1.or.0.value` point into the JSON tree.
 */
export function mapFilterErrors(fieldErrors: FieldErrors, paths: Record<string, string>): FilterErrors {
  const result: FilterErrors = { conditions: {}, general: [] };
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const segments = key.split(".");
    if (segments[0] !== "filter") continue;
    const indices: string[] = [];
    for (const segment of segments.slice(1)) {
      if (segment === "and" || segment === "or") continue;
      if (/^\d+$/.test(segment)) indices.push(segment);
      else break;
    }
    const id = indices.length ? paths[indices.join(".")] : undefined;
    if (id) result.conditions[id] = [result.conditions[id], ...messages].filter(Boolean).join(" ");
    else result.general.push(...messages);
  }
  return result;
}
