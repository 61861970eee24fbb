import { describe, expect, it } from "vitest";
import { ariaSort, cycleSort, serializeSort, type SortKey } from "./sort";

describe("cycleSort", () => {
  it("cycles one column through ascending, descending and none", () => {
    let sorts: SortKey[] = [];
    sorts = cycleSort(sorts, "qty", false);
    expect(sorts).toEqual([{ column: "qty", direction: "asc" }]);
    sorts = cycleSort(sorts, "qty", false);
    expect(sorts).toEqual([{ column: "qty", direction: "desc" }]);
    sorts = cycleSort(sorts, "qty", false);
    expect(sorts).toEqual([]);
  });

  it("replaces other sorts on a plain click", () => {
    const sorts: SortKey[] = [
      { column: "type", direction: "asc" },
      { column: "qty", direction: "desc" },
    ];
    expect(cycleSort(sorts, "weight", false)).toEqual([{ column: "weight", direction: "asc" }]);
    expect(cycleSort(sorts, "type", false)).toEqual([{ column: "type", direction: "desc" }]);
  });

  it("adds, flips and drops secondary sorts with Shift", () => {
    let sorts: SortKey[] = [{ column: "type", direction: "asc" }];
    sorts = cycleSort(sorts, "qty", true);
    expect(sorts).toEqual([
      { column: "type", direction: "asc" },
      { column: "qty", direction: "asc" },
    ]);
    sorts = cycleSort(sorts, "qty", true);
    expect(sorts[1]).toEqual({ column: "qty", direction: "desc" });
    sorts = cycleSort(sorts, "type", true);
    expect(sorts).toEqual([
      { column: "type", direction: "desc" },
      { column: "qty", direction: "desc" },
    ]);
    sorts = cycleSort(sorts, "type", true);
    expect(sorts).toEqual([{ column: "qty", direction: "desc" }]);
  });

  it("keeps at most three sorts, replacing the last", () => {
    let sorts: SortKey[] = [];
    for (const column of ["a", "b", "c", "d"]) sorts = cycleSort(sorts, column, true);
    expect(sorts.map((sort) => sort.column)).toEqual(["a", "b", "d"]);
  });
});

describe("ariaSort and serializeSort", () => {
  it("describes each header and the query", () => {
    const sorts: SortKey[] = [{ column: "qty", direction: "desc" }];
    expect(ariaSort(sorts, "qty")).toBe("descending");
    expect(ariaSort(sorts, "type")).toBe("none");
    expect(serializeSort(sorts)).toBe('[{"column":"qty","direction":"desc"}]');
    expect(serializeSort([])).toBeNull();
  });
});
