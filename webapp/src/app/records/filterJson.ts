/**
 * The filter builder's tree read back from its JSON form (a saved view's
 * `config.filter`): the reverse of `serializeFilter`. Conditions on columns
 * the grid no longer has are left out.
 */
import type { FilterOperator } from "../../api/types";
import { emptyFilter, newCondition, newGroup, type FilterCondition, type FilterField, type FilterGroup, type FilterNode } from "./filters";
import { emptyInput, storedToInput, type InputValue } from "./values";

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => !!value && typeof value === "object" && !Array.isArray(value);

function asInput(field: FilterField, value: unknown, timeZone: string): InputValue {
  const kind = { type: field.type === "choices" ? ("choice" as const) : field.type };
  return storedToInput(kind, value, timeZone);
}

const asText = (input: InputValue) => (typeof input === "string" ? input : Array.isArray(input) ? input.join(",") : input === null ? "" : String(input));

function conditionFrom(json: JsonObject, fields: readonly FilterField[], timeZone: string): FilterCondition | null {
  const field = fields.find((candidate) => candidate.key === json.column);
  if (!field || typeof json.op !== "string") return null;
  const op = json.op as FilterOperator;
  const condition: FilterCondition = { ...newCondition(), column: field.key, op, value: emptyInput({ type: field.type }) };
  const value = json.value;
  if (op === "empty" || op === "not_empty") return condition;
  if (op === "between") {
    const [low, high] = Array.isArray(value) ? value : [];
    return { ...condition, from: asText(asInput(field, low, timeZone)), to: asText(asInput(field, high, timeZone)) };
  }
  if (op === "in") {
    const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    return { ...condition, list: list.map((item) => asText(asInput(field, item, timeZone))) };
  }
  if (op === "within") {
    const within = isObject(value) ? value : {};
    const direction = "next" in within ? "next" : "last";
    return { ...condition, within: { direction, days: String(within[direction] ?? 7) } };
  }
  return { ...condition, value: asInput(field, value, timeZone) };
}

function groupFrom(json: JsonObject, fields: readonly FilterField[], timeZone: string): FilterGroup | null {
  const combinator = Array.isArray(json.or) ? "or" : Array.isArray(json.and) ? "and" : null;
  if (!combinator) return null;
  const children: FilterNode[] = [];
  for (const item of json[combinator] as unknown[]) {
    if (!isObject(item)) continue;
    const node = "and" in item || "or" in item ? groupFrom(item, fields, timeZone) : conditionFrom(item, fields, timeZone);
    if (node) children.push(node);
  }
  return newGroup(combinator, children);
}

/** The builder's tree for a filter's JSON; an empty starting point when there is none. */
export function filterFromJson(json: unknown, fields: readonly FilterField[], timeZone: string): FilterGroup {
  let parsed = json;
  if (typeof json === "string") {
    try {
      parsed = JSON.parse(json) as unknown;
    } catch {
      parsed = null;
    }
  }
  const group = isObject(parsed) ? groupFrom(parsed, fields, timeZone) : null;
  return group && group.children.length ? group : emptyFilter();
}
