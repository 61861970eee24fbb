/**
 * The server's messages about the steps (422 `errors` keyed by path, such as
 * "steps.transitions.0.updates.1.value"), placed next to the row and input
 * they concern.
 */
import type { FieldErrors } from "../../../api/errors";

/** The messages at `path` and anything under it, as one sentence (undefined when none). */
export function messagesAt(errors: FieldErrors, path: string): string | undefined {
  const found = Object.entries(errors)
    .filter(([key]) => key === path || key.startsWith(`${path}.`))
    .flatMap(([, messages]) => messages);
  return found.length ? found.join(" ") : undefined;
}

/** Messages that no row or input of the editor shows (about the steps as a whole). */
export function generalMessages(errors: FieldErrors): string[] {
  return Object.entries(errors)
    .filter(([key]) => !/^steps\.(transitions|timers)\.\d+/.test(key) && key !== "steps.state" && key !== "steps.initial")
    .flatMap(([, messages]) => messages);
}
