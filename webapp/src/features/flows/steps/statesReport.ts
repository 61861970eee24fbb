/**
 * What the state picture warns about: states no button leads to (from the
 * initial state, or from any state when there is none) and states no button
 * leads out of (the last state counts as the end and is never warned about).
 */
import type { Steps } from "../../../api/flowSteps";

export interface Move {
  from: string;
  to: string;
  label: string;
  /** An automatic move (after a time). */
  timer: boolean;
}

/** Every arrow of the picture: one per from-state of each transition, and one per automatic move. */
export function movesOf(steps: Pick<Steps, "transitions" | "timers">): Move[] {
  const buttons = steps.transitions.flatMap((row) => row.from.filter(Boolean).map((from) => ({ from, to: row.to, label: row.label, timer: false })));
  const timers = (steps.timers ?? []).map((timer) => ({ from: timer.state, to: timer.to, label: "", timer: true }));
  return [...buttons, ...timers].filter((move) => move.from && move.to);
}

export interface StatesReport {
  /** States no chain of moves reaches from a starting state. */
  unreachable: string[];
  /** States other than the last with no move to another state. */
  deadEnds: string[];
}

export function statesReport(steps: Pick<Steps, "initial" | "transitions" | "timers">, options: readonly string[]): StatesReport {
  const moves = movesOf(steps);
  const starts = steps.initial && options.includes(steps.initial) ? [steps.initial] : [...options];
  const reached = new Set(starts);
  const queue = [...starts];
  while (queue.length) {
    const state = queue.shift()!;
    for (const move of moves) {
      if (move.from === state && !reached.has(move.to)) {
        reached.add(move.to);
        queue.push(move.to);
      }
    }
  }
  const last = options[options.length - 1];
  return {
    unreachable: options.filter((state) => !reached.has(state)),
    deadEnds: options.filter((state) => state !== last && !moves.some((move) => move.from === state && move.to !== state)),
  };
}
