import { describe, expect, it } from "vitest";
import { draftFromServer, draftReducer, draftToServer, hiddenColumns, type DraftState } from "./draft";

const tz = "Europe/Berlin";
const base = draftFromServer(
  {
    columns: [
      { key: "type", label: "Type", type: "choice", required: true, default: null, help_text: "", rules: {}, options: [{ value: "BOX", label: "BOX", color: "blue" }] },
      { key: "weight", label: "Weight", type: "decimal", required: false, default: "1.50", help_text: "kg", rules: { min: "0" } },
    ],
    form: null,
  },
  tz,
);

function add(state: DraftState, label: string): DraftState {
  const next = draftReducer(state, { type: "addColumn" });
  return draftReducer(next, { type: "setLabel", uid: next.columns.at(-1)!.uid, label });
}

describe("the designer's draft", () => {
  it("derives a new column's key from its label until the key is edited", () => {
    let state = add(base, "Deliver from");
    const column = state.columns[2];
    expect(column.key).toBe("deliver_from");
    state = draftReducer(state, { type: "setKey", uid: column.uid, key: "origin" });
    state = draftReducer(state, { type: "setLabel", uid: column.uid, label: "Origin address" });
    expect(state.columns[2]).toMatchObject({ key: "origin", label: "Origin address" });
    // Existing columns keep their keys.
    state = draftReducer(state, { type: "setLabel", uid: base.columns[1].uid, label: "Mass" });
    expect(state.columns[1].key).toBe("weight");
    expect(add(state, "Weight").columns.at(-1)!.key).toBe("weight_2");
  });

  it("serializes columns and the form, keeping decimals as text", () => {
    const state = add(base, "Qty");
    const qty = state.columns[2].uid;
    const typed = draftReducer(draftReducer(state, { type: "setType", uid: qty, columnType: "integer" }), {
      type: "patchColumn",
      uid: qty,
      patch: { rules: { min: "1", max: "", pattern: "x" }, defaultInput: "5" },
    });
    const out = draftToServer(typed, tz);
    expect(out.columns[1]).toEqual({ key: "weight", label: "Weight", type: "decimal", required: false, default: "1.50", help_text: "kg", rules: { min: "0" } });
    expect(out.columns[2]).toEqual({ key: "qty", label: "Qty", type: "integer", required: false, default: 5, help_text: "", rules: { min: "1" } });
    expect(out.columns[0].options).toEqual([{ value: "BOX", label: "BOX", color: "blue" }]);
    expect(out.form).toEqual({ sections: [{ title: "", fields: ["type", "weight", "qty"] }] });
  });

  it("moves, hides and shows form fields across sections", () => {
    let state = draftReducer(base, { type: "addSection" });
    const [type, weight] = base.columns.map((column) => column.uid);
    state = draftReducer(state, { type: "moveField", uid: weight, delta: 1 });
    expect(state.sections.map((section) => section.fields)).toEqual([[type], [weight]]);
    state = draftReducer(state, { type: "hideField", uid: type });
    expect(hiddenColumns(state).map((column) => column.key)).toEqual(["type"]);
    state = draftReducer(state, { type: "showField", uid: type });
    expect(state.sections[1].fields).toEqual([weight, type]);
    state = draftReducer(state, { type: "removeSection", uid: state.sections[1].uid });
    expect(state.sections).toHaveLength(1);
    expect(state.sections[0].fields).toEqual([weight, type]);
  });

  it("removes a column from the form too, and reorders columns", () => {
    const [type, weight] = base.columns.map((column) => column.uid);
    let state = draftReducer(base, { type: "moveColumn", uid: weight, delta: -1 });
    expect(state.columns.map((column) => column.key)).toEqual(["weight", "type"]);
    state = draftReducer(state, { type: "removeColumn", uid: type });
    expect(draftToServer(state, tz).form).toEqual({ sections: [{ title: "", fields: ["weight"] }] });
  });
});
