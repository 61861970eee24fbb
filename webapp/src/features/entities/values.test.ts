import { describe, expect, it } from "vitest";
import type { ColumnType } from "../../api/types";
import { inputToStored, sameInput, storedToInput } from "../../app/records/values";

const col = (type: ColumnType) => ({ type });
const berlin = "Europe/Berlin";

describe("stored values to inputs and back", () => {
  it("keeps decimals as text, never as floats", () => {
    const stored = "12345678901234567.10";
    const input = storedToInput(col("decimal"), stored, berlin);
    expect(input).toBe(stored);
    expect(inputToStored(col("decimal"), input, berlin)).toEqual({ ok: true, value: stored });
    expect(inputToStored(col("decimal"), "0,10", berlin)).toEqual({ ok: true, value: "0.10" });
    expect(inputToStored(col("decimal"), "ten", berlin)).toEqual({ ok: false, problem: "number" });
  });

  it("reads whole numbers and refuses fractions and huge ones", () => {
    expect(inputToStored(col("integer"), "1 200", berlin)).toEqual({ ok: true, value: 1200 });
    expect(inputToStored(col("integer"), "-3", berlin)).toEqual({ ok: true, value: -3 });
    expect(inputToStored(col("integer"), "1.5", berlin)).toEqual({ ok: false, problem: "wholeNumber" });
    expect(inputToStored(col("integer"), "99999999999999999999", berlin)).toEqual({ ok: false, problem: "tooLarge" });
    expect(storedToInput(col("integer"), 42, berlin)).toBe("42");
  });

  it("shows date-times in the tenant's zone and sends them with the offset", () => {
    expect(storedToInput(col("datetime"), "2025-07-15T10:00:00.000000Z", berlin)).toBe("2025-07-15T12:00");
    expect(inputToStored(col("datetime"), "2025-12-24T18:30", berlin)).toEqual({
      ok: true,
      value: "2025-12-24T18:30:00+01:00",
    });
    expect(inputToStored(col("datetime"), "soon", berlin)).toEqual({ ok: false, problem: "dateTime" });
  });

  it("turns empty inputs into null", () => {
    for (const type of ["text", "integer", "decimal", "date", "datetime", "choice", "email"] as ColumnType[]) {
      expect(inputToStored(col(type), "", berlin), type).toEqual({ ok: true, value: null });
    }
    expect(inputToStored(col("choices"), [], berlin)).toEqual({ ok: true, value: null });
    expect(inputToStored(col("boolean"), null, berlin)).toEqual({ ok: true, value: null });
  });

  it("keeps lists, booleans and dates in their stored forms", () => {
    expect(storedToInput(col("choices"), ["a", "b"], berlin)).toEqual(["a", "b"]);
    expect(inputToStored(col("choices"), ["b"], berlin)).toEqual({ ok: true, value: ["b"] });
    expect(inputToStored(col("boolean"), false, berlin)).toEqual({ ok: true, value: false });
    expect(inputToStored(col("date"), "2025-03-01", berlin)).toEqual({ ok: true, value: "2025-03-01" });
    expect(inputToStored(col("user"), "7", berlin)).toEqual({ ok: true, value: 7 });
  });

  it("compares inputs by meaning", () => {
    expect(sameInput("", null)).toBe(true);
    expect(sameInput(["a"], ["a"])).toBe(true);
    expect(sameInput(["a"], [])).toBe(false);
    expect(sameInput(true, false)).toBe(false);
  });
});
