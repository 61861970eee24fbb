/**
 * Suggestions while typing a script or a condition: the record's fields (the
 * bound blueprint's column keys) and the helpers the sandbox offers.
 */
import type { LoomColumn } from "./loomContext";

export interface Suggestion {
  /** What is shown and matched. */
  label: string;
  /** What is put in place of the word being typed. */
  insert: string;
  /** Where the caret goes, counted back from the end of `insert` (inside the parentheses). */
  caretBack: number;
  kind: "field" | "helper";
  /** A short explanation: the column's label, or what the helper does. */
  hint: string;
}

/** The sandbox's helpers (docs/bpmn.md); `hint` is a translation key under flows.script.helpers. */
export const HELPERS: { label: string; insert: string; caretBack: number; hint: string }[] = [
  { label: "now()", insert: "now()", caretBack: 0, hint: "now" },
  { label: "today()", insert: "today()", caretBack: 0, hint: "today" },
  { label: "days(n)", insert: "days()", caretBack: 1, hint: "days" },
  { label: "hours(n)", insert: "hours()", caretBack: 1, hint: "hours" },
  { label: "minutes(n)", insert: "minutes()", caretBack: 1, hint: "minutes" },
  { label: "date()", insert: "date()", caretBack: 1, hint: "date" },
  { label: "datetime()", insert: "datetime()", caretBack: 1, hint: "datetime" },
  { label: "Decimal()", insert: 'Decimal("")', caretBack: 2, hint: "decimal" },
  { label: "math", insert: "math.", caretBack: 0, hint: "math" },
  ...["ceil", "floor", "trunc", "sqrt", "exp", "log", "log10", "fabs", "isclose"].map((name) => ({
    label: `math.${name}()`,
    insert: `math.${name}()`,
    caretBack: 1,
    hint: "math",
  })),
  { label: "math.pi", insert: "math.pi", caretBack: 0, hint: "math" },
  { label: "math.e", insert: "math.e", caretBack: 0, hint: "math" },
];

const WORD = /[A-Za-z0-9_.]/;

/** The word around the caret: where it starts and ends, and the part before the caret. */
export function wordAt(text: string, caret: number): { start: number; end: number; prefix: string } {
  let start = caret;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = caret;
  while (end < text.length && WORD.test(text[end])) end++;
  return { start, end, prefix: text.slice(start, caret) };
}

/** Everything that can be suggested, fields first. */
export function allSuggestions(columns: readonly LoomColumn[], helperHint: (key: string) => string): Suggestion[] {
  return [
    ...columns.map((column) => ({ label: column.key, insert: column.key, caretBack: 0, kind: "field" as const, hint: column.label })),
    ...HELPERS.map((helper) => ({ ...helper, kind: "helper" as const, hint: helperHint(helper.hint) })),
  ];
}

/**
 * The suggestions for a typed prefix: those starting with it first, then those
 * containing it; none for an empty prefix unless `all`, and never the word itself.
 */
export function matchSuggestions(prefix: string, suggestions: readonly Suggestion[], all = false, limit = 12): Suggestion[] {
  const wanted = prefix.toLowerCase();
  if (!wanted) return all ? suggestions.slice(0, limit) : [];
  if (/^\d/.test(wanted)) return [];
  const candidates = suggestions.filter((item) => item.insert.toLowerCase() !== wanted);
  const starting = candidates.filter((item) => item.label.toLowerCase().startsWith(wanted));
  const containing = candidates.filter((item) => !starting.includes(item) && item.label.toLowerCase().includes(wanted));
  return [...starting, ...containing].slice(0, limit);
}

/** Puts a suggestion in place of the word between start and end; returns the text and the caret. */
export function applySuggestion(text: string, range: { start: number; end: number }, suggestion: Suggestion): { text: string; caret: number } {
  const next = text.slice(0, range.start) + suggestion.insert + text.slice(range.end);
  return { text: next, caret: range.start + suggestion.insert.length - suggestion.caretBack };
}
