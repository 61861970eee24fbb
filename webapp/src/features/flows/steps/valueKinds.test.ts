import { describe, expect, it } from "vitest";
import type { Column } from "../../../api/blueprints";
import type { ColumnType } from "../../../api/types";
import { calcFields, copySources, kindsFor } from "./valueKinds";

const column = (key: string, type: ColumnType, required = false): Column => ({ key, label: key, type, required, default: null, help_text: "", rules: {} });

/** One field of every type, and a second of the types another field can be copied from. */
const columns: Column[] = [
  column("title", "text"),
  column("notes", "long_text"),
  column("qty", "integer"),
  column("weight", "decimal"),
  column("paid", "boolean"),
  column("due", "date"),
  column("started_at", "datetime"),
  column("kind", "choice"),
  column("tags", "choices"),
  column("email", "email"),
  column("site", "url"),
  column("phone", "phone"),
  column("order", "reference"),
  column("driver", "user"),
  column("other_title", "text"),
  column("other_due", "date"),
  column("other_started", "datetime"),
  column("other_driver", "user"),
];

describe("the value menu of a data update", () => {
  it.each<[ColumnType, string[]]>([
    ["text", ["literal", "field", "join", "clear"]],
    ["long_text", ["literal", "join", "clear"]],
    ["integer", ["literal", "field", "calc", "clear"]],
    ["decimal", ["literal", "field", "calc", "clear"]],
    ["boolean", ["literal", "clear"]],
    ["date", ["literal", "today", "field", "calc", "clear"]],
    ["datetime", ["literal", "now", "field", "calc", "clear"]],
    ["choice", ["literal", "clear"]],
    ["choices", ["literal", "clear"]],
    ["email", ["literal", "clear"]],
    ["url", ["literal", "clear"]],
    ["phone", ["literal", "clear"]],
    ["reference", ["clear"]],
    ["user", ["literal", "actor", "field", "clear"]],
  ])("offers only type-compatible kinds for a %s field", (type, kinds) => {
    const target = columns.find((candidate) => candidate.type === type)!;
    expect(kindsFor(target, columns)).toEqual(kinds);
  });

  it("never offers to empty a required field", () => {
    for (const target of columns) {
      expect(kindsFor({ ...target, required: true }, columns), target.type).not.toContain("clear");
    }
  });

  it("offers now only for date-times, today only for dates, the person pressing only for person fields", () => {
    const having = (kind: string) => columns.filter((target) => kindsFor(target, columns).includes(kind as never)).map((target) => target.type);
    expect(new Set(having("now"))).toEqual(new Set(["datetime"]));
    expect(new Set(having("today"))).toEqual(new Set(["date"]));
    expect(new Set(having("actor"))).toEqual(new Set(["user"]));
    expect(new Set(having("join"))).toEqual(new Set(["text", "long_text"]));
    expect(new Set(having("calc"))).toEqual(new Set(["integer", "decimal", "date", "datetime"]));
  });
});

describe("the field menu of 'another field'", () => {
  const keys = (list: Column[]) => list.map((item) => item.key);
  const target = (key: string) => columns.find((candidate) => candidate.key === key)!;

  it("lists only fields of a compatible type, never the field itself", () => {
    expect(keys(copySources(target("title"), columns))).toEqual(["other_title"]);
    expect(keys(copySources(target("qty"), columns))).toEqual(["weight"]);
    expect(keys(copySources(target("weight"), columns))).toEqual(["qty"]);
    expect(keys(copySources(target("due"), columns))).toEqual(["other_due"]);
    expect(keys(copySources(target("started_at"), columns))).toEqual(["other_started"]);
    expect(keys(copySources(target("driver"), columns))).toEqual(["other_driver"]);
    expect(keys(copySources(target("email"), columns))).toEqual([]);
  });

  it("calculates numbers from numbers and dates from the same kind of date", () => {
    expect(keys(calcFields(target("qty"), columns))).toEqual(["qty", "weight"]);
    expect(keys(calcFields(target("due"), columns))).toEqual(["due", "other_due"]);
    expect(keys(calcFields(target("started_at"), columns))).toEqual(["started_at", "other_started"]);
    expect(keys(calcFields(target("title"), columns))).toEqual([]);
  });
});
