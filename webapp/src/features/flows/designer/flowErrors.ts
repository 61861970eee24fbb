/**
 * What went wrong when saving or publishing a flow, sorted for the page:
 * someone else saved first (409), problems on elements of the diagram (422
 * with `problems` / `element`), or one plain message.
 */
import type { TFunction } from "i18next";
import { ApiError } from "../../../api/client";
import { flowErrorDetails, type FlowProblem } from "../../../api/flows";
import { describeError } from "../../../app/components/errors";
import { refusalOf, refusalText } from "../../../app/components/refusalText";

export type FlowFailure =
  | { kind: "conflict" }
  | { kind: "problems"; message: string | null; problems: FlowProblem[]; element: string | null }
  | { kind: "message"; message: string };

export function readFlowFailure(error: unknown, t: TFunction): FlowFailure {
  if (error instanceof ApiError && error.status === 409) return { kind: "conflict" };
  if (error instanceof ApiError && error.isValidation) {
    const { element, problems } = flowErrorDetails(error);
    const xmlMessages = error.fieldErrors.xml ?? [];
    // The server's English detail; with a code, the page says it in the user's language instead.
    const top = refusalOf(error.problem, error.detail || xmlMessages.join(" ") || error.title);
    if (problems.length || element) {
      const listed = problems.length ? problems : [{ ...top, element, line: null }];
      const message = top.code ? (problems.length ? null : refusalText(top, t)) : error.detail;
      return { kind: "problems", message, problems: listed, element: element ?? listed.find((p) => p.element)?.element ?? null };
    }
    if (xmlMessages.length) {
      const reason = top.code ? refusalText(top, t) : xmlMessages.join(" ");
      return { kind: "message", message: t("flows.designer.unreadable", { reason }) };
    }
  }
  return { kind: "message", message: describeError(error, t) };
}

/** The elements a list of problems points at, each once. */
export function problemElements(problems: readonly FlowProblem[]): string[] {
  return [...new Set(problems.map((problem) => problem.element).filter((id): id is string => !!id))];
}
