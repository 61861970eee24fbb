/** A refused save of a decision table, in the user's language when the server gave its code. */
import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";
import { describeError } from "../../app/components/errors";
import { refusalOf, refusalText } from "../../app/components/refusalText";

export function decisionError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.status === 409) return t("decisions.conflict");
  if (error instanceof ApiError && error.isValidation) {
    const fields = Object.values(error.fieldErrors).flat();
    const english = fields.join(" ") || error.detail || error.title;
    return refusalText(refusalOf(error.problem as Record<string, unknown>, english), t);
  }
  return describeError(error, t);
}
