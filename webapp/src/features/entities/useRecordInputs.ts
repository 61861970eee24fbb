import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { EntityData } from "../../api/entities";
import { inputsFor } from "./changes";
import { recordProblem } from "./recordErrors";
import type { InputValue } from "../../app/records/values";

/**
 * A record form's state: the inputs (and what they started from), a message per field, one
 * for the form, and whether a save met a newer record. Typing in a field clears its message;
 * ``fail`` spreads a save's error over them.
 */
export function useRecordInputs(columns: readonly Column[], data: EntityData | null, timeZone: string) {
  const { t } = useTranslation();
  const [initial, setInitial] = useState(() => inputsFor(columns, data, timeZone));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const change = (column: Column, value: InputValue) => {
    setValues((current) => ({ ...current, [column.key]: value }));
    if (errors[column.key]) setErrors(({ [column.key]: _, ...rest }) => rest);
  };
  const fail = (error: unknown) => {
    const result = recordProblem(error, columns.map((column) => column.key), t);
    setErrors(result.fields);
    setProblem(result.message);
    setConflict(result.conflict);
  };
  /** Before a new attempt (or after reloading): no messages. */
  const clear = (fieldsToo = false) => {
    setProblem(null);
    setConflict(false);
    if (fieldsToo) setErrors({});
  };
  return { initial, setInitial, values, setValues, errors, setErrors, problem, conflict, change, fail, clear };
}
