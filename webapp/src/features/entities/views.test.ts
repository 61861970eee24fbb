import { describe, expect, it } from "vitest";
import { emptyFilter } from "./filters";
import { loadViews, removeView, saveView, viewsStorageKey } from "./views";

describe("saved views", () => {
  const key = viewsStorageKey(1, "x-stock", "stock_item");

  it("keeps views per user, workspace and blueprint", () => {
    expect(key).toBe("loom.views.1.x-stock.stock_item");
    saveView(key, { name: "Heavy", filter: emptyFilter(), sorts: [{ column: "weight", direction: "desc" }], visible: ["weight"] });
    expect(loadViews(key).map((view) => view.name)).toEqual(["Heavy"]);
    expect(loadViews(viewsStorageKey(2, "x-stock", "stock_item"))).toEqual([]);
  });

  it("replaces a view of the same name and removes by name", () => {
    saveView(key, { name: "Boxes", filter: emptyFilter(), sorts: [], visible: ["type"] });
    const views = saveView(key, { name: "boxes", filter: emptyFilter(), sorts: [], visible: ["qty"] });
    expect(views.map((view) => [view.name, view.visible])).toEqual([["boxes", ["qty"]]]);
    expect(removeView(key, "boxes")).toEqual([]);
  });

  it("survives broken storage", () => {
    localStorage.setItem(key, "{not json");
    expect(loadViews(key)).toEqual([]);
    localStorage.setItem(key, JSON.stringify([{ name: 1 }, { name: "ok", filter: {}, sorts: [], visible: [] }]));
    expect(loadViews(key).map((view) => view.name)).toEqual(["ok"]);
  });
});
