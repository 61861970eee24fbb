import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";
import { describeError } from "../../app/components/errors";

export interface RecordProblem {
  /** Messages per column key. */
  fields: Record<string, string>;
  /** What no field can hold, or null. */
  message: string | null;
  conflict: boolean;
}

/** Splits an error from saving a record: `data.qty` and `qty` both land on the qty field. */
export function recordProblem(error: unknown, keys: readonly string[], t: TFunction): RecordProblem {
  if (error instanceof ApiError && error.status === 409) return { fields: {}, message: null, conflict: true };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  if (error instanceof ApiError) {
    for (const [path, messages] of Object.entries(error.fieldErrors)) {
      const key = path.startsWith("data.") ? path.slice(5).split(".")[0] : path.split(".")[0];
      if (keys.includes(key)) fields[key] = [fields[key], ...messages].filter(Boolean).join(" ");
      else rest.push(...messages);
    }
  }
  if (!Object.keys(fields).length) return { fields, message: describeError(error, t), conflict: false };
  return { fields, message: rest.length ? rest.join(" ") : t("recordForm.fixFields"), conflict: false };
}
