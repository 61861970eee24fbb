import { describe, expect, it } from "vitest";
import { parseInstant } from "./time";

describe("parseInstant", () => {
  it("reads ISO date-times with and without a zone (no zone means UTC)", () => {
    expect(parseInstant("2025-03-01T12:00:00Z")).toBe(Date.UTC(2025, 2, 1, 12));
    expect(parseInstant("2025-03-01T12:00:00+01:00")).toBe(Date.UTC(2025, 2, 1, 11));
    expect(parseInstant("2025-03-01T12:00:00")).toBe(Date.UTC(2025, 2, 1, 12));
    expect(parseInstant("2025-03-01T12:00:00.250")).toBe(Date.UTC(2025, 2, 1, 12) + 250);
  });

  it("reads epoch seconds and milliseconds", () => {
    expect(parseInstant(1_700_000_000)).toBe(1_700_000_000_000);
    expect(parseInstant(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(parseInstant("1700000000")).toBe(1_700_000_000_000);
  });

  it("returns null for what it cannot read", () => {
    expect(parseInstant("soon")).toBeNull();
    expect(parseInstant(null)).toBeNull();
    expect(parseInstant("")).toBeNull();
  });
});
