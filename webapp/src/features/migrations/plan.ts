/**
 * The migration plan as the dialog edits it: for every column of the target
 * version, the old column it takes its values from (or none: a new column with
 * a default). The list the API takes is built from that choice: each target
 * fed exactly once, old columns left over dropped, and the kind of each step
 * read from keys and types (same key and type: keep; other key, same type:
 * rename; other type: convert).
 */
import type { Column } from "../../api/blueprints";
import type { PlanKind, PlanStep } from "../../api/migrations";
import { emptyInput, inputToStored, storedToInput, type InputValue, type ValueProblem } from "../../app/records/values";

export interface PlanChoice {
  /** Target column key → source column key, or null for "new, use default". */
  sources: Record<string, string | null>;
  /** Target column key → the default typed for a new column. */
  defaults: Record<string, InputValue>;
}

export type StepProblem = "duplicate" | ValueProblem;

export interface BuiltPlan {
  plan: PlanStep[];
  /** Why a target's choice cannot be sent, by target key. */
  problems: Record<string, StepProblem>;
}

/** The choice a plan from the server stands for; targets it leaves out take the old column of the same key. */
export function choiceFromPlan(plan: readonly PlanStep[], from: readonly Column[], to: readonly Column[], timeZone: string): PlanChoice {
  const sources: PlanChoice["sources"] = {};
  const defaults: PlanChoice["defaults"] = {};
  const known = new Set(from.map((column) => column.key));
  for (const target of to) {
    const step = plan.find((candidate) => candidate.target === target.key && candidate.kind !== "drop");
    if (step) sources[target.key] = step.kind !== "add" && step.source && known.has(step.source) ? step.source : null;
    else sources[target.key] = known.has(target.key) ? target.key : null;
    defaults[target.key] = step?.kind === "add" ? storedToInput(target, step.default, timeZone) : emptyInput(target);
  }
  return { sources, defaults };
}

export function kindOf(source: Column, target: Column): PlanKind {
  if (source.type !== target.type) return "convert";
  return source.key === target.key ? "keep" : "rename";
}

/** The plan for the API from a choice, and what stops it from being sent. */
export function buildPlan(choice: PlanChoice, from: readonly Column[], to: readonly Column[], timeZone: string): BuiltPlan {
  const plan: PlanStep[] = [];
  const problems: BuiltPlan["problems"] = {};
  const used = new Set<string>();
  for (const target of to) {
    const source = from.find((column) => column.key === choice.sources[target.key]);
    if (source) {
      if (used.has(source.key)) problems[target.key] = "duplicate";
      used.add(source.key);
      plan.push({ kind: kindOf(source, target), source: source.key, target: target.key });
      continue;
    }
    const parsed = inputToStored(target, choice.defaults[target.key] ?? emptyInput(target), timeZone);
    if (!parsed.ok) problems[target.key] = parsed.problem;
    plan.push({ kind: "add", target: target.key, default: parsed.ok ? parsed.value : null });
  }
  for (const column of from) if (!used.has(column.key)) plan.push({ kind: "drop", source: column.key });
  return { plan, problems };
}

/** The same steps, whatever the rule texts: to tell whether the plan changed since the last preview. */
export function samePlan(a: readonly PlanStep[], b: readonly PlanStep[]): boolean {
  const norm = (steps: readonly PlanStep[]) =>
    JSON.stringify(steps.map(({ kind, source, target, default: value }) => [kind, source ?? null, target ?? null, kind === "add" ? (value ?? null) : null]));
  return norm(a) === norm(b);
}

/** The server's rule text for a step, when its last preview had the same step. */
export function ruleFor(step: PlanStep, previewed: readonly PlanStep[]): string | null {
  const match = previewed.find((candidate) => candidate.kind === step.kind && (candidate.source ?? null) === (step.source ?? null) && (candidate.target ?? null) === (step.target ?? null));
  return match?.rule ?? null;
}
