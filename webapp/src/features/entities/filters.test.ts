import { describe, expect, it } from "vitest";
import type { ColumnTypeInfo } from "../../api/types";
import {
  addToGroup,
  chooseColumn,
  countConditions,
  emptyFilter,
  mapFilterErrors,
  newCondition,
  newGroup,
  operatorsForField,
  removeNode,
  serializeFilter,
  updateNode,
  type FilterCondition,
} from "../../app/records/filters";
import { berlin, fields, tree } from "./filterTestData";

const field = (key: string) => fields.find((f) => f.key === key)!;

function condition(key: string, patch: Partial<FilterCondition> = {}): FilterCondition {
  return { ...chooseColumn(newCondition(), field(key)), ...patch };
}

describe("operators per type", () => {
  it("offers what fits each type", () => {
    expect(operatorsForField(field("qty"))).toEqual(["eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "empty", "not_empty"]);
    expect(operatorsForField(field("space"))).toContain("contains");
    expect(operatorsForField(field("space"))).not.toContain("gt");
    expect(operatorsForField(field("timestamp"))).toEqual(["eq", "before", "after", "between", "within", "empty", "not_empty"]);
    expect(operatorsForField(field("fragile"))).toEqual(["eq", "empty", "not_empty"]);
    expect(operatorsForField(field("type"))).toEqual(["eq", "ne", "in", "empty", "not_empty"]);
    expect(operatorsForField(field("id"))).toEqual(["eq", "ne", "in"]);
  });

  it("prefers the server's list from /api/meta", () => {
    const known: ColumnTypeInfo[] = [{ type: "integer", label: "Integer", operators: ["eq", "between"] }];
    expect(operatorsForField(field("qty"), known)).toEqual(["eq", "between"]);
    expect(operatorsForField(field("space"), known)).toContain("starts_with");
  });

  it("starts a condition on a new column with its first operator and no value", () => {
    const changed = chooseColumn({ ...condition("space"), value: "A1" }, field("fragile"));
    expect(changed).toMatchObject({ column: "fragile", op: "eq", value: null });
  });
});

describe("serializeFilter", () => {
  it("builds the JSON tree with typed values", () => {
    let root = newGroup("and", [
      condition("qty", { op: "gte", value: "10" }),
      condition("weight", { op: "between", from: "1,5", to: "12.50" }),
      condition("type", { op: "in", list: ["BOX"] }),
    ]);
    const group = newGroup("or", [condition("space", { op: "contains", value: "A" }), condition("fragile", { op: "eq", value: true })]);
    root = addToGroup(root, root.id, group);
    root = addToGroup(root, group.id, condition("timestamp", { op: "within", within: { direction: "next", days: "3" } }));
    root = addToGroup(root, root.id, condition("created_at", { op: "after", value: "2025-07-01T12:00" }));
    root = addToGroup(root, root.id, condition("space", { op: "empty" }));

    const { tree: serialized, paths, problems } = serializeFilter(root, fields, berlin);
    expect(problems).toEqual({});
    expect(serialized).toEqual(tree);
    expect(Object.keys(paths).sort()).toEqual(["0", "1", "2", "3.0", "3.1", "3.2", "4", "5"]);
    expect(JSON.parse(JSON.stringify(serialized))).toEqual(serialized);
  });

  it("leaves out conditions without a column and empty groups, and says what is wrong", () => {
    const bad = condition("qty", { op: "eq", value: "many" });
    const missing = condition("space", { op: "eq", value: "" });
    const root = newGroup("or", [newCondition(), newGroup("and", [newCondition()]), bad, missing]);
    const result = serializeFilter(root, fields, berlin);
    expect(result.tree).toBeNull();
    expect(result.problems).toEqual({ [bad.id]: "wholeNumber", [missing.id]: "missing" });
  });

  it("uses the group's combinator at the top", () => {
    const root = newGroup("or", [condition("qty", { op: "lt", value: "3" })]);
    expect(serializeFilter(root, fields, berlin).tree).toEqual({ or: [{ column: "qty", op: "lt", value: 3 }] });
  });
});

describe("editing the tree", () => {
  it("adds, updates, removes and counts", () => {
    let root = emptyFilter();
    const first = root.children[0] as FilterCondition;
    root = updateNode(root, first.id, { column: "qty", op: "eq", value: "1" });
    const group = newGroup("or");
    root = addToGroup(root, root.id, group);
    root = addToGroup(root, group.id, condition("space", { op: "eq", value: "x" }));
    root = updateNode(root, group.id, { combinator: "and" });
    expect(countConditions(root)).toBe(2);
    root = removeNode(root, first.id);
    expect(countConditions(root)).toBe(1);
    expect(root.children[0]).toMatchObject({ kind: "group", combinator: "and" });
  });
});

describe("mapFilterErrors", () => {
  it("puts server messages on the conditions they name", () => {
    const paths = { "0": "c1", "1.0": "c2" };
    expect(
      mapFilterErrors(
        {
          "filter.0.op": ["Not an operator for integer."],
          "filter.and.1.or.0.value": ["Not a number."],
          "filter.1.value": ["Odd."],
          filter: ["Too deep."],
          q: ["ignored"],
        },
        paths,
      ),
    ).toEqual({
      conditions: { c1: "Not an operator for integer.", c2: "Not a number." },
      general: ["Odd.", "Too deep."],
    });
  });
});
