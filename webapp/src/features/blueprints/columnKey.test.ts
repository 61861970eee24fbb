import { describe, expect, it } from "vitest";
import { columnKeyFrom, isValidColumnKey } from "./columnKey";

describe("columnKeyFrom", () => {
  it.each([
    ["Deliver from", "deliver_from"],
    ["Weight (kg)", "weight_kg"],
    ["Qty", "qty"],
    ["Größe & Gewicht", "grosse_gewicht"],
    ["  Started   at ", "started_at"],
    ["2nd address", "c_2nd_address"],
    ["Joe's status", "joes_status"],
    ["日本語", "column"],
    ["", "column"],
  ])("%j → %j", (label, key) => {
    expect(columnKeyFrom(label)).toBe(key);
  });

  it("steers clear of the system columns", () => {
    expect(columnKeyFrom("ID")).toBe("id_value");
    expect(columnKeyFrom("Created at")).toBe("created_at_value");
    expect(columnKeyFrom("Version")).toBe("version_value");
  });

  it("numbers a key another column already has", () => {
    expect(columnKeyFrom("Weight", ["weight"])).toBe("weight_2");
    expect(columnKeyFrom("Weight", ["weight", "weight_2"])).toBe("weight_3");
  });

  it("stays within 63 characters, even with a suffix", () => {
    const long = "word ".repeat(30);
    expect(columnKeyFrom(long).length).toBeLessThanOrEqual(63);
    const taken = columnKeyFrom(long);
    const second = columnKeyFrom(long, [taken]);
    expect(second.length).toBeLessThanOrEqual(63);
    expect(second.endsWith("_2")).toBe(true);
  });

  it("always yields a valid key", () => {
    for (const label of ["Ünïcödé", "___", "9", "Tenant ID", "a".repeat(100), "Blueprint"]) {
      expect(isValidColumnKey(columnKeyFrom(label)), label).toBe(true);
    }
  });
});

describe("isValidColumnKey", () => {
  it("accepts keys the server accepts and refuses the rest", () => {
    expect(isValidColumnKey("qty")).toBe(true);
    expect(isValidColumnKey("a1_b")).toBe(true);
    for (const key of ["Qty", "1a", "_a", "a-b", "id", "tenant_id", "a".repeat(64), ""]) {
      expect(isValidColumnKey(key), key).toBe(false);
    }
  });
});
