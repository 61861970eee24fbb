import { describe, expect, it } from "vitest";
import { allSuggestions, applySuggestion, matchSuggestions, wordAt } from "./suggestions";

const columns = [
  { key: "status", label: "Status" },
  { key: "started_at", label: "Started at" },
  { key: "qty", label: "Qty" },
];
const suggestions = allSuggestions(columns, (key) => `help:${key}`);
const labels = (prefix: string, all = false) => matchSuggestions(prefix, suggestions, all).map((item) => item.label);

describe("script suggestions", () => {
  it("finds the word being typed, dots included", () => {
    expect(wordAt("status = sta", 12)).toEqual({ start: 9, end: 12, prefix: "sta" });
    expect(wordAt("x = math.sq(2)", 11)).toEqual({ start: 4, end: 11, prefix: "math.sq" });
    expect(wordAt("a = (", 5)).toEqual({ start: 5, end: 5, prefix: "" });
    expect(wordAt("started_at", 3)).toEqual({ start: 0, end: 10, prefix: "sta" });
  });

  it("offers fields and helpers that start with the word first, then those containing it", () => {
    expect(labels("sta")).toEqual(["status", "started_at"]);
    expect(labels("d")).toEqual(["days(n)", "date()", "datetime()", "Decimal()", "started_at", "today()"]);
    expect(labels("tod")).toEqual(["today()"]);
    expect(labels("math.s")).toEqual(["math.sqrt()"]);
    expect(labels("")).toEqual([]);
    expect(labels("", true)).toHaveLength(12);
    expect(labels("1")).toEqual([]);
    expect(labels("qty")).toEqual([]);
    expect(matchSuggestions("q", suggestions)[0]).toMatchObject({ kind: "field", hint: "Qty" });
    expect(matchSuggestions("now", suggestions)[0]).toMatchObject({ kind: "helper", hint: "help:now" });
  });

  it("replaces the whole word and puts the caret inside the parentheses", () => {
    const days = suggestions.find((item) => item.label === "days(n)")!;
    expect(applySuggestion("due = now() + da", { start: 14, end: 16 }, days)).toEqual({ text: "due = now() + days()", caret: 19 });
    const status = suggestions.find((item) => item.label === "status")!;
    expect(applySuggestion("stxx = 1", { start: 0, end: 4 }, status)).toEqual({ text: "status = 1", caret: 6 });
    const decimal = suggestions.find((item) => item.label === "Decimal()")!;
    expect(applySuggestion("w = De", { start: 4, end: 6 }, decimal)).toEqual({ text: 'w = Decimal("")', caret: 13 });
  });
});
