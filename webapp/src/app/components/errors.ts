import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";

/** One plain sentence for any error, to show to the user. */
export function describeError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t("common.unexpected");
  if (error.status === 0) return t("common.networkError");
  if (error.status === 429) {
    return error.retryAfter
      ? t("common.tooManyRequests", { seconds: error.retryAfter })
      : t("common.tooManyRequestsSoon");
  }
  if (error.detail) return error.detail;
  const messages = Object.values(error.fieldErrors).flat();
  if (messages.length) return messages.join(" ");
  return error.status >= 500 ? t("common.unexpected") : error.title || t("common.unexpected");
}

export interface FormProblem {
  /** Messages for the form's own fields, ready for `form.setErrors`. */
  fieldErrors: Record<string, string>;
  /** What to show above the form: messages no field can hold, or null. */
  message: string | null;
}

/**
 * Splits an error from a form submission: messages for the form's fields go
 * under those fields, everything else becomes one message for an alert.
 */
export function formProblem(error: unknown, fields: readonly string[], t: TFunction): FormProblem {
  const fieldErrors: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { fieldErrors, message: describeError(error, t) };
  const unmatched: string[] = [];
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    const field = fields.find((name) => key === name || key.startsWith(`${name}.`));
    if (field) fieldErrors[field] = [fieldErrors[field], ...messages].filter(Boolean).join(" ");
    else unmatched.push(...messages);
  }
  if (Object.keys(fieldErrors).length === 0) return { fieldErrors, message: describeError(error, t) };
  return { fieldErrors, message: unmatched.length ? unmatched.join(" ") : null };
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
