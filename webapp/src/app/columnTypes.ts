import type { ColumnType, ColumnTypeInfo, FilterOperator } from "../api/types";

/** Every column type, in the order the designer offers them. */
export const COLUMN_TYPES: readonly ColumnType[] = [
  "text",
  "long_text",
  "integer",
  "decimal",
  "boolean",
  "date",
  "datetime",
  "choice",
  "choices",
  "email",
  "url",
  "phone",
  "reference",
  "user",
];

export const TEXTUAL: ReadonlySet<ColumnType> = new Set(["text", "long_text", "email", "url", "phone"]);
export const NUMERIC: ReadonlySet<ColumnType> = new Set(["integer", "decimal"]);
export const TEMPORAL: ReadonlySet<ColumnType> = new Set(["date", "datetime"]);

export type RuleName = "min" | "max" | "min_length" | "max_length" | "pattern";

/** The validation rules that make sense for a type (the server refuses the others). */
export function rulesFor(type: ColumnType): RuleName[] {
  if (NUMERIC.has(type) || TEMPORAL.has(type)) return ["min", "max"];
  if (TEXTUAL.has(type)) return ["min_length", "max_length", "pattern"];
  return [];
}

export function hasOptions(type: ColumnType): boolean {
  return type === "choice" || type === "choices";
}

const TEXT_OPS: FilterOperator[] = ["eq", "ne", "contains", "starts_with", "in", "empty", "not_empty"];
const NUMBER_OPS: FilterOperator[] = ["eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "empty", "not_empty"];
const TIME_OPS: FilterOperator[] = ["eq", "before", "after", "between", "within", "empty", "not_empty"];

/** Operators per type when the server does not list them in /api/meta. */
export const DEFAULT_OPERATORS: Record<ColumnType, FilterOperator[]> = {
  text: TEXT_OPS,
  long_text: ["contains", "empty", "not_empty"],
  email: TEXT_OPS,
  url: TEXT_OPS,
  phone: TEXT_OPS,
  integer: NUMBER_OPS,
  decimal: NUMBER_OPS,
  boolean: ["eq", "empty", "not_empty"],
  date: TIME_OPS,
  datetime: TIME_OPS,
  choice: ["eq", "ne", "in", "empty", "not_empty"],
  choices: ["contains", "in", "empty", "not_empty"],
  reference: ["eq", "ne", "in", "empty", "not_empty"],
  user: ["eq", "ne", "in", "empty", "not_empty"],
};

/** The operators a column of `type` accepts: the server's list when it sent one. */
export function operatorsFor(type: ColumnType, known?: readonly ColumnTypeInfo[]): FilterOperator[] {
  const fromServer = known?.find((info) => info.type === type)?.operators;
  return fromServer?.length ? [...fromServer] : DEFAULT_OPERATORS[type];
}

/** Colours for choice options: Mantine's palette names, which the server accepts. */
export const OPTION_COLORS = [
  "gray",
  "red",
  "pink",
  "grape",
  "violet",
  "indigo",
  "blue",
  "cyan",
  "teal",
  "green",
  "lime",
  "yellow",
  "orange",
] as const;
