import type { Column } from "../../api/blueprints";
import type { ColumnType } from "../../api/types";
import { parseDecimal } from "./decimal";
import { utcToZonedInput, zonedInputToIso } from "../timezone";

/**
 * What an input holds while someone edits a value: text for most types (so
 * numbers keep every digit), a list for "several choices", true/false/null for
 * yes/no. Stored values are the API's forms (see the Entity contract).
 */
export type InputValue = string | string[] | boolean | null;

/** Why a typed value cannot be stored; the key of a translated message. */
export type ValueProblem = "wholeNumber" | "number" | "date" | "dateTime" | "tooLarge";

export type Parsed = { ok: true; value: unknown } | { ok: false; problem: ValueProblem };

type Kind = Pick<Column, "type">;

export function emptyInput(column: Kind): InputValue {
  if (column.type === "choices") return [];
  if (column.type === "boolean") return null;
  return "";
}

/** A stored value as the input for its type shows it; datetimes in the tenant's zone. */
export function storedToInput(column: Kind, stored: unknown, timeZone: string): InputValue {
  if (stored === null || stored === undefined) return emptyInput(column);
  switch (column.type) {
    case "boolean":
      return typeof stored === "boolean" ? stored : String(stored) === "true";
    case "choices":
      return Array.isArray(stored) ? stored.map(String) : [String(stored)];
    case "datetime":
      return utcToZonedInput(String(stored), timeZone);
    default:
      return String(stored);
  }
}

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (problem: ValueProblem): Parsed => ({ ok: false, problem });

function parseWhole(text: string): Parsed {
  const compact = text.replace(/[\s\u00a0\u202f'_]/g, "");
  if (!/^[+-]?\d+$/.test(compact)) return fail("wholeNumber");
  const number = Number(compact);
  return Number.isSafeInteger(number) ? ok(number) : fail("tooLarge");
}

/** Reads an input back into the stored form for the API; an empty input is null. */
export function inputToStored(column: Kind, input: InputValue, timeZone: string): Parsed {
  if (column.type === "boolean") return ok(typeof input === "boolean" ? input : null);
  if (column.type === "choices") {
    const list = Array.isArray(input) ? input : input ? [String(input)] : [];
    return ok(list.length ? list : null);
  }
  const text = Array.isArray(input) ? input.join(",") : input === null || typeof input === "boolean" ? "" : input;
  if (column.type !== "long_text" && text.trim() === "") return ok(null);
  if (column.type === "long_text" && text === "") return ok(null);
  switch (column.type) {
    case "integer":
    case "user":
      return parseWhole(text.trim());
    case "decimal": {
      const decimal = parseDecimal(text);
      return decimal === null ? fail("number") : ok(decimal);
    }
    case "date":
      return /^\d{4}-\d\d-\d\d$/.test(text.trim()) ? ok(text.trim()) : fail("date");
    case "datetime": {
      const iso = zonedInputToIso(text, timeZone);
      return iso === null ? fail("dateTime") : ok(iso);
    }
    case "email":
    case "url":
    case "phone":
    case "reference":
      return ok(text.trim());
    default:
      return ok(text);
  }
}

/** True when two input values mean the same (so an unchanged field is not sent). */
export function sameInput(a: InputValue, b: InputValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? a : [];
    const right = Array.isArray(b) ? b : [];
    return left.length === right.length && left.every((item, i) => item === right[i]);
  }
  return (a ?? "") === (b ?? "");
}

/** Types whose values are plain text to search, sort and show as they are. */
export function isTextLike(type: ColumnType): boolean {
  return type === "text" || type === "long_text" || type === "email" || type === "url" || type === "phone";
}
