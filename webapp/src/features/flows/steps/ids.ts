/** Ids for new rows, made from their labels when first saved; saved ids never change (records wait at them). */
import type { Steps } from "../../../api/flowSteps";

export function slugId(text: string, fallback: string): string {
  const base = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const id = /^[a-z]/.test(base) ? base : `${fallback}_${base}`.replace(/_+$/, "");
  return id.slice(0, 56);
}

function unique(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${id}_${n}`;
  taken.add(candidate);
  return candidate;
}

/** The steps with an id on every transition and automatic move. */
export function withIds(steps: Steps): Steps {
  const taken = new Set([...steps.transitions.map((row) => row.id), ...(steps.timers ?? []).map((row) => row.id)].filter(Boolean));
  return {
    ...steps,
    transitions: steps.transitions.map((row) => (row.id ? row : { ...row, id: unique(slugId(row.label, "step"), taken) })),
    timers: (steps.timers ?? []).map((row) => (row.id ? row : { ...row, id: unique(slugId(`after_${row.state}`, "timer"), taken) })),
  };
}
