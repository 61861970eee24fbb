import { describe, expect, it } from "vitest";
import type { Column } from "../../api/blueprints";
import { column } from "../../test/fixtures";
import { buildPlan, choiceFromPlan, ruleFor, samePlan } from "./plan";

const col = (key: string, type: Column["type"], label = key): Column => column(key, label, type);
const berlin = "Europe/Berlin";
// Version 1 → version 2: qty stays, weight becomes text, space is renamed to shelf, status is new, note goes.
const from = [col("qty", "integer"), col("weight", "decimal"), col("space", "text"), col("note", "long_text")];
const to = [col("qty", "integer"), col("weight", "text"), col("shelf", "text", "Shelf"), col("status", "choice"), col("checked", "datetime")];

describe("migration plans", () => {
  it("reads the server's plan into a choice per new column", () => {
    const choice = choiceFromPlan(
      [
        { kind: "keep", source: "qty", target: "qty", rule: "Kept as is" },
        { kind: "convert", source: "weight", target: "weight", rule: "Number to text" },
        { kind: "add", target: "status", default: "PENDING", rule: "New: PENDING" },
        { kind: "add", target: "checked", default: "2025-07-01T10:00:00Z" },
        { kind: "drop", source: "space" },
        { kind: "drop", source: "note" },
      ],
      from,
      to,
      berlin,
    );
    expect(choice.sources).toEqual({ qty: "qty", weight: "weight", shelf: null, status: null, checked: null });
    expect(choice.defaults.status).toBe("PENDING");
    expect(choice.defaults.checked).toBe("2025-07-01T12:00");
  });

  it("builds every step from the choice: keep, rename, convert, add with its default, and drop the rest", () => {
    const choice = {
      sources: { qty: "qty", weight: "weight", shelf: "space", status: null, checked: null },
      defaults: { status: "PENDING", checked: "2025-07-01T12:00" },
    };
    const { plan, problems } = buildPlan(choice, from, to, berlin);
    expect(problems).toEqual({});
    expect(plan).toEqual([
      { kind: "keep", source: "qty", target: "qty" },
      { kind: "convert", source: "weight", target: "weight" },
      { kind: "rename", source: "space", target: "shelf" },
      { kind: "add", target: "status", default: "PENDING" },
      { kind: "add", target: "checked", default: "2025-07-01T12:00:00+02:00" },
      { kind: "drop", source: "note" },
    ]);
  });

  it("feeds each new column once and says what cannot be sent", () => {
    const choice = {
      sources: { qty: "qty", weight: "qty", shelf: null, status: null, checked: null },
      defaults: { checked: "yesterday" },
    };
    const { plan, problems } = buildPlan(choice, from, to, berlin);
    expect(problems).toEqual({ weight: "duplicate", checked: "dateTime" });
    expect(plan.filter((step) => step.kind === "drop").map((step) => step.source)).toEqual(["weight", "space", "note"]);
    expect(plan.find((step) => step.target === "shelf")).toEqual({ kind: "add", target: "shelf", default: null });
  });

  it("compares plans without their rule texts and finds a step's rule", () => {
    const previewed = [
      { kind: "keep" as const, source: "qty", target: "qty", rule: "Kept as is" },
      { kind: "drop" as const, source: "note", rule: "Kept aside" },
    ];
    const built = [
      { kind: "keep" as const, source: "qty", target: "qty" },
      { kind: "drop" as const, source: "note" },
    ];
    expect(samePlan(previewed, built)).toBe(true);
    expect(samePlan(built, [{ kind: "drop", source: "note" }])).toBe(false);
    expect(ruleFor(built[1], previewed)).toBe("Kept aside");
    expect(ruleFor({ kind: "rename", source: "note", target: "qty" }, previewed)).toBeNull();
  });
});
