import { describe, expect, it } from "vitest";
import { offsetMinutes, parseUtc, utcToZonedInput, zonedInputToIso } from "./timezone";
import { formatDateTime } from "./format";

const berlin = "Europe/Berlin";

describe("reading the server's UTC date-times", () => {
  it("reads microseconds and offsets", () => {
    expect(parseUtc("2025-07-01T10:00:00.123456Z")).toBe(Date.UTC(2025, 6, 1, 10, 0, 0, 123));
    expect(parseUtc("2025-07-01T12:00:00+02:00")).toBe(Date.UTC(2025, 6, 1, 10));
    expect(parseUtc("yesterday")).toBeNull();
  });
});

describe("UTC to the tenant's wall clock", () => {
  it("follows Berlin's summer and winter time", () => {
    expect(offsetMinutes(Date.UTC(2025, 0, 15, 12), berlin)).toBe(60);
    expect(offsetMinutes(Date.UTC(2025, 6, 15, 12), berlin)).toBe(120);
    expect(utcToZonedInput("2025-01-15T11:00:00.000000Z", berlin)).toBe("2025-01-15T12:00");
    expect(utcToZonedInput("2025-07-15T10:00:00.000000Z", berlin)).toBe("2025-07-15T12:00");
    expect(utcToZonedInput("2025-07-15T10:00:30.000000Z", berlin)).toBe("2025-07-15T12:00:30");
  });

  it("crosses midnight and the date line", () => {
    expect(utcToZonedInput("2025-12-31T23:30:00.000000Z", berlin)).toBe("2026-01-01T00:30");
    expect(utcToZonedInput("2025-03-01T02:00:00.000000Z", "America/New_York")).toBe("2025-02-28T21:00");
    expect(utcToZonedInput("2025-03-01T02:00:00.000000Z", "UTC")).toBe("2025-03-01T02:00");
  });

  it("shows an empty input for no value", () => {
    expect(utcToZonedInput(null, berlin)).toBe("");
  });
});

describe("the tenant's wall clock to ISO with offset", () => {
  it("uses the offset in force on that day", () => {
    expect(zonedInputToIso("2025-01-15T12:00", berlin)).toBe("2025-01-15T12:00:00+01:00");
    expect(zonedInputToIso("2025-07-15T12:00", berlin)).toBe("2025-07-15T12:00:00+02:00");
    expect(zonedInputToIso("2025-07-15T12:00:45", "America/New_York")).toBe("2025-07-15T12:00:45-04:00");
    expect(zonedInputToIso("2025-07-15T12:00", "Asia/Kolkata")).toBe("2025-07-15T12:00:00+05:30");
  });

  it("round-trips through UTC", () => {
    for (const local of ["2025-03-30T01:59", "2025-03-30T03:00", "2025-10-26T03:00", "2025-06-01T00:00"]) {
      const iso = zonedInputToIso(local, berlin)!;
      expect(utcToZonedInput(new Date(parseUtc(iso)!).toISOString(), berlin)).toBe(local);
    }
  });

  it("moves a time in the spring gap forward", () => {
    // Berlin skips from 02:00 to 03:00 on 30 March 2025.
    expect(zonedInputToIso("2025-03-30T02:30", berlin)).toBe("2025-03-30T03:30:00+02:00");
  });

  it("takes the first of a time that happens twice in autumn", () => {
    // 02:30 happens at +02:00 and again at +01:00 on 26 October 2025.
    expect(zonedInputToIso("2025-10-26T02:30", berlin)).toBe("2025-10-26T02:30:00+02:00");
  });

  it("refuses what is not a date and time", () => {
    expect(zonedInputToIso("2025-02-30T10:00", berlin)).toBeNull();
    expect(zonedInputToIso("10:00", berlin)).toBeNull();
    expect(zonedInputToIso("", berlin)).toBeNull();
  });
});

describe("formatDateTime", () => {
  it("shows the tenant's local time", () => {
    expect(formatDateTime("2025-07-15T10:00:00.000000Z", berlin, "en-GB")).toContain("12:00");
    expect(formatDateTime("2025-07-15T10:00:00.000000Z", "America/New_York", "en-GB")).toContain("06:00");
  });
});
