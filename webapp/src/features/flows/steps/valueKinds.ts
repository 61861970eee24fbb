/**
 * Which values a data update may set a field to, by the field's column type:
 * the menus offer only these, so a table built here always type-checks on the
 * server (the same rules as the steps contract).
 */
import type { Column } from "../../../api/blueprints";
import type { DurationValue, Operand, StepsOperator, StepsValue, StepsValueKind } from "../../../api/flowSteps";
import type { ColumnType } from "../../../api/types";
import { COLUMN_TYPES } from "../../../app/columnTypes";

type Typed = Pick<Column, "key" | "type" | "required">;

const NUMBERS: readonly ColumnType[] = ["integer", "decimal"];
const DATES: readonly ColumnType[] = ["date", "datetime"];
const TEXTS: readonly ColumnType[] = ["text", "long_text"];

export const isNumber = (type: ColumnType) => NUMBERS.includes(type);
export const isDate = (type: ColumnType) => DATES.includes(type);

/** Types a literal can be typed or picked for (a record link is chosen only from another field). */
const LITERAL_TYPES: readonly ColumnType[] = COLUMN_TYPES.filter((type) => type !== "reference");

/** True when a field of type `source` may be copied into a field of type `target`. */
export function canCopy(source: ColumnType, target: ColumnType): boolean {
  if (source === target) return true;
  return isNumber(source) && isNumber(target);
}

/** The other fields whose value fits `target` ("another field"), in column order. */
export function copySources<C extends Typed>(target: Typed, columns: readonly C[]): C[] {
  return columns.filter((column) => column.key !== target.key && canCopy(column.type, target.type));
}

/** The fields a calculation for `target` may use as a side: numbers for numbers, the same date type for dates. */
export function calcFields<C extends Typed>(target: Typed, columns: readonly C[]): C[] {
  if (isNumber(target.type)) return columns.filter((column) => isNumber(column.type));
  if (isDate(target.type)) return columns.filter((column) => column.type === target.type);
  return [];
}

/** The fields whose value can be written into joined text (anything shown as text). */
export function joinFields<C extends Typed>(columns: readonly C[]): C[] {
  return columns.filter((column) => column.type !== "choices");
}

/** The value kinds offered for a field, in menu order. */
export function kindsFor(target: Typed, columns: readonly Typed[]): StepsValueKind[] {
  const kinds: StepsValueKind[] = [];
  if (LITERAL_TYPES.includes(target.type)) kinds.push("literal");
  if (target.type === "datetime") kinds.push("now");
  if (target.type === "date") kinds.push("today");
  if (target.type === "user") kinds.push("actor");
  if (copySources(target, columns).length) kinds.push("field");
  if (isNumber(target.type) || isDate(target.type)) kinds.push("calc");
  if (TEXTS.includes(target.type)) kinds.push("join");
  if (!target.required) kinds.push("clear");
  return kinds;
}

/** The operators a calculation for this type offers: dates only move forward or back. */
export function operatorsFor(type: ColumnType): StepsOperator[] {
  return isDate(type) ? ["+", "-"] : ["+", "-", "*", "/"];
}

export const noDuration = (): DurationValue => ({ kind: "duration", days: 1, hours: 0, minutes: 0 });

/** A literal's starting value for a type (what an untouched input holds). */
export function emptyLiteral(type: ColumnType): unknown {
  if (type === "boolean") return false;
  if (type === "choices") return [];
  if (type === "integer") return 0;
  if (type === "decimal") return "0";
  return type === "text" || type === "long_text" ? "" : null;
}

/** A fresh value of a kind for a field, the first fitting choice picked where there is one. */
export function newValue(kind: StepsValueKind, target: Typed, columns: readonly Typed[]): StepsValue {
  switch (kind) {
    case "literal":
      return { kind, value: emptyLiteral(target.type) };
    case "field":
      return { kind, field: copySources(target, columns)[0]?.key ?? "" };
    case "calc": {
      const left: Operand = { kind: "field", field: calcFields(target, columns)[0]?.key ?? target.key };
      if (isDate(target.type)) return { kind, left, op: "+", right: noDuration() };
      return { kind, left, op: "+", right: { kind: "literal", value: 1 } };
    }
    case "join":
      return { kind, parts: [] };
    default:
      return { kind } as StepsValue;
  }
}

/** The value kept when the field changes: the same value if it still fits, else the first kind offered. */
export function fitValue(value: StepsValue | null, target: Typed, columns: readonly Typed[]): StepsValue {
  const kinds = kindsFor(target, columns);
  if (value && kinds.includes(value.kind) && value.kind !== "literal" && value.kind !== "field" && value.kind !== "calc") return value;
  return newValue(kinds[0] ?? "clear", target, columns);
}
