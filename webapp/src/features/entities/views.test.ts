import { describe, expect, it } from "vitest";
import type { SavedViewRecord } from "../../api/views";
import { filterFromJson } from "../../app/records/filterJson";
import { countConditions, serializeFilter } from "../../app/records/filters";
import { berlin, fields, tree } from "./filterTestData";
import { configFromGrid, findByName, viewFromRecord } from "./views";

function record(config: Partial<SavedViewRecord["config"]>, overrides: Partial<SavedViewRecord> = {}): SavedViewRecord {
  return {
    id: 7,
    name: "Aisle A",
    blueprint: "stock_item",
    config: { filter: null, sort: [], columns: [], ...config },
    updated_at: "2025-07-01T10:00:00Z",
    ...overrides,
  };
}

describe("filterFromJson", () => {
  it("reads a stored tree back into the builder, which sends the same JSON again", () => {
    const group = filterFromJson(tree, fields, berlin);
    expect(countConditions(group)).toBe(8);
    expect(group.children[4]).toMatchObject({ column: "created_at", op: "after", value: "2025-07-01T12:00" });
    expect(serializeFilter(group, fields, berlin).tree).toEqual(tree);
  });

  it("accepts the JSON as text and leaves out columns the grid no longer has", () => {
    const text = JSON.stringify({ or: [{ column: "gone", op: "eq", value: 1 }, { column: "qty", op: "lt", value: 3 }] });
    const group = filterFromJson(text, fields, berlin);
    expect(serializeFilter(group, fields, berlin).tree).toEqual({ or: [{ column: "qty", op: "lt", value: 3 }] });
  });

  it("starts empty from nothing or from something broken", () => {
    for (const value of [null, undefined, "{not json", { and: [] }, { xor: [] }, 42]) {
      const group = filterFromJson(value, fields, berlin);
      expect(group.combinator).toBe("and");
      expect(countConditions(group)).toBe(0);
    }
  });
});

describe("saved views", () => {
  it("turns a stored view into the grid's state, keeping only known columns", () => {
    const view = viewFromRecord(
      record({
        filter: { and: [{ column: "qty", op: "gt", value: 5 }] },
        sort: [
          { column: "weight", direction: "desc" },
          { column: "gone", direction: "asc" },
        ],
        columns: ["qty", "gone", "weight"],
      }),
      fields,
      berlin,
    );
    expect(view).toMatchObject({ id: "7", name: "Aisle A", sorts: [{ column: "weight", direction: "desc" }], visible: ["qty", "weight"] });
    expect(serializeFilter(view.filter, fields, berlin).tree).toEqual({ and: [{ column: "qty", op: "gt", value: 5 }] });
  });

  it("stores the filter as its JSON object, the sort list and the visible columns", () => {
    const applied = filterFromJson(tree, fields, berlin);
    const config = configFromGrid(applied, [{ column: "qty", direction: "asc" }], ["qty", "space"], fields, berlin);
    expect(config).toEqual({ filter: tree, sort: [{ column: "qty", direction: "asc" }], columns: ["qty", "space"] });
    expect(configFromGrid(null, [], ["qty"], fields, berlin).filter).toBeNull();
  });

  it("finds a view by name whatever the case", () => {
    const views = [record({}, { id: 1, name: "Boxes" }), record({}, { id: 2, name: "Heavy" })];
    expect(findByName(views, " boxes ")?.id).toBe(1);
    expect(findByName(views, "Light")).toBeUndefined();
  });
});
