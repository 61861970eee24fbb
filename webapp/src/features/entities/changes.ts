import type { TFunction } from "i18next";
import type { Column } from "../../api/blueprints";
import type { EntityData } from "../../api/entities";
import { inputToStored, sameInput, storedToInput, type InputValue } from "../../app/records/values";

/** The inputs of a form for a record's ``data``, or a new record's defaults when null. */
export function inputsFor(columns: readonly Column[], data: EntityData | null, timeZone: string): Record<string, InputValue> {
  return Object.fromEntries(
    columns.map((column) => [column.key, storedToInput(column, data ? data[column.key] : column.default, timeZone)]),
  );
}

export interface Changes {
  /** What to send: the changed values of a record, or the filled-in ones of a new record. */
  data: EntityData;
  /** Why a field cannot be sent as typed, by column key. */
  problems: Record<string, string>;
}

/** A record form's values made ready to save; ``initial`` is null for a new record. */
export function collectChanges(
  columns: readonly Column[],
  values: Record<string, InputValue>,
  initial: Record<string, InputValue> | null,
  timeZone: string,
  t: TFunction,
): Changes {
  const data: EntityData = {};
  const problems: Record<string, string> = {};
  for (const column of columns) {
    const value = values[column.key];
    if (initial && sameInput(value, initial[column.key])) continue;
    const parsed = inputToStored(column, value, timeZone);
    if (!parsed.ok) problems[column.key] = t(`values.problems.${parsed.problem}`);
    else if (column.required && (parsed.value === null || parsed.value === "")) problems[column.key] = t("values.required");
    else if (initial || parsed.value !== null) data[column.key] = parsed.value;
  }
  return { data, problems };
}
