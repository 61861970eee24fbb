/** Ids for new rows, made from their labels when first saved; saved ids never change (records wait at them). */
import type { Steps } from "../../../api/flowSteps";
import { firstFree, identifierFrom } from "../../../designer/identifiers";

/** An id from the row's text, none of `taken`, which then holds it too. */
function unique(text: string, prefix: string, taken: Set<string>): string {
  const id = firstFree(identifierFrom(text, prefix, 56), (candidate) => taken.has(candidate));
  taken.add(id);
  return id;
}

/** The steps with an id on every transition and automatic move. */
export function withIds(steps: Steps): Steps {
  const taken = new Set([...steps.transitions.map((row) => row.id), ...(steps.timers ?? []).map((row) => row.id)].filter(Boolean));
  return {
    ...steps,
    transitions: steps.transitions.map((row) => (row.id ? row : { ...row, id: unique(row.label, "step", taken) })),
    timers: (steps.timers ?? []).map((row) => (row.id ? row : { ...row, id: unique(`after_${row.state}`, "timer", taken) })),
  };
}
