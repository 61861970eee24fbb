import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";
import { describeError } from "./errors";
import { refusalOf, refusalText } from "./refusalText";

export interface TransitionProblem {
  /** Messages per field key (`data.<field>` in the answer). */
  fields: Record<string, string>;
  /** What to show above the fields, or null. */
  message: string | null;
  /** 409: the step was done by someone else, or already; the record must be loaded again. */
  conflict: boolean;
}

/**
 * Reads an error of `POST /inbox/<id>/complete` (or claim, start): field
 * messages go under the fields; a failing script names its step (the BPMN
 * element, or the transition's label when it is the task itself).
 */
export function transitionProblem(
  error: unknown,
  keys: readonly string[],
  t: TFunction,
  step?: { element: string; label: string },
): TransitionProblem {
  const none = { fields: {}, conflict: false };
  if (!(error instanceof ApiError)) return { ...none, message: describeError(error, t) };
  if (error.status === 409) return { ...none, message: error.detail || t("work.conflict"), conflict: true };
  if (error.status === 403) return { ...none, message: t("work.forbidden") };
  if (error.status === 404) return { ...none, message: t("work.gone") };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  let flowError: string | null = null;
  for (const [path, messages] of Object.entries(error.fieldErrors)) {
    const key = path.startsWith("data.") ? path.slice(5).split(".")[0] : path;
    if (path === "flow") flowError = refusalText(refusalOf(error.problem, messages.join(" ")), t);
    else if (keys.includes(key)) fields[key] = [fields[key], ...messages].filter(Boolean).join(" ");
    else rest.push(...messages);
  }
  if (flowError !== null) {
    const element = typeof error.problem.element === "string" ? error.problem.element : null;
    const name = element && step && element === step.element ? step.label : element;
    const message = name ? t("work.stepFailed", { step: name, message: flowError }) : t("work.flowFailed", { message: flowError });
    return { fields, message: [message, ...rest].join(" "), conflict: false };
  }
  if (Object.keys(fields).length) return { fields, message: rest.length ? rest.join(" ") : t("recordForm.fixFields"), conflict: false };
  return { fields, message: describeError(error, t), conflict: false };
}
