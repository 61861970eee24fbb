import { describe, expect, it } from "vitest";
import { mapDesignerErrors } from "./serverErrors";

describe("mapDesignerErrors", () => {
  const uids = ["col-a", "col-b", "col-c"];

  it("puts PATCH and POST paths on the column at that position", () => {
    const errors = mapDesignerErrors(
      {
        "draft.columns.2.key": ["'id' is a system column; choose another key."],
        "columns.0.label": ["Give the column a label."],
        "draft.columns.1.rules.min": ["Must be a number."],
        "draft.columns.1.options.0.value": ["'A' is listed twice."],
        "draft.columns.1": ["Each column must be an object."],
      },
      uids,
    );
    expect(errors.columns).toEqual({
      "col-c": { key: "'id' is a system column; choose another key." },
      "col-a": { label: "Give the column a label." },
      "col-b": {
        "rules.min": "Must be a number.",
        "options.0.value": "'A' is listed twice.",
        "": "Each column must be an object.",
      },
    });
    expect(errors.general).toEqual([]);
  });

  it("keeps the name, the form and the rest apart", () => {
    const errors = mapDesignerErrors(
      {
        name: ["A blueprint with this name exists."],
        "draft.form.sections.0.fields": ["Unknown column 'x'."],
        "draft.columns": ["At most 200 columns."],
        "draft.columns.9.key": ["Out of range."],
        lock_version: ["Missing."],
      },
      uids,
    );
    expect(errors.name).toBe("A blueprint with this name exists.");
    expect(errors.form).toEqual(["Unknown column 'x'."]);
    expect(errors.general).toEqual(["At most 200 columns.", "Out of range.", "Missing."]);
    expect(errors.columns).toEqual({});
  });
});
