import { describe, expect, it } from "vitest";
import { skippedTime } from "./components/DateInput";
import {
  formatDateText,
  formatDateTimeText,
  formatNumberText,
  parseDateText,
  parseDateTimeText,
  parseNumberText,
} from "./localInput";
import { zonedInputToIso } from "./timezone";

describe("dates as people type them", () => {
  it("reads the language's order and ISO", () => {
    expect(parseDateText("01.11.2026", "de")).toBe("2026-11-01");
    expect(parseDateText("1.11.2026", "de")).toBe("2026-11-01");
    expect(parseDateText("1.11.26", "de")).toBe("2026-11-01");
    expect(parseDateText("11/01/2026", "en")).toBe("2026-11-01");
    expect(parseDateText("2026-11-01", "de")).toBe("2026-11-01");
    expect(parseDateText("2026-11-01", "en")).toBe("2026-11-01");
    expect(parseDateText("  ", "de")).toBe("");
  });

  it("refuses what is no date", () => {
    expect(parseDateText("31.02.2026", "de")).toBeNull();
    expect(parseDateText("13/01/2026", "en")).toBeNull();
    expect(parseDateText("01.13.2026", "de")).toBeNull();
    expect(parseDateText("morgen", "de")).toBeNull();
    expect(parseDateText("1.11.202", "de")).toBeNull();
    expect(parseDateText("2026-11-01 09:00", "de")).toBeNull();
  });

  it("writes dates the language's way", () => {
    expect(formatDateText("2026-11-01", "de")).toBe("01.11.2026");
    expect(formatDateText("2026-11-01", "en")).toBe("11/01/2026");
    expect(formatDateText("", "de")).toBe("");
    expect(formatDateText("1.11.", "de")).toBe("1.11.");
  });
});

describe("date-times as people type them", () => {
  it("reads German, English and ISO", () => {
    expect(parseDateTimeText("01.11.2026 09:00", "de")).toBe("2026-11-01T09:00");
    expect(parseDateTimeText("01.11.2026, 9:00 Uhr", "de")).toBe("2026-11-01T09:00");
    expect(parseDateTimeText("01.11.2026 17:30:15", "de")).toBe("2026-11-01T17:30:15");
    expect(parseDateTimeText("11/01/2026 9:00 AM", "en")).toBe("2026-11-01T09:00");
    expect(parseDateTimeText("11/01/2026, 12:15 am", "en")).toBe("2026-11-01T00:15");
    expect(parseDateTimeText("11/01/2026 5:30 PM", "en")).toBe("2026-11-01T17:30");
    expect(parseDateTimeText("11/01/2026 17:30", "en")).toBe("2026-11-01T17:30");
    expect(parseDateTimeText("2026-11-01T09:00", "de")).toBe("2026-11-01T09:00");
    expect(parseDateTimeText("2026-11-01 09:00", "en")).toBe("2026-11-01T09:00");
  });

  it("refuses what is no date-time", () => {
    expect(parseDateTimeText("01.11.2026", "de")).toBeNull();
    expect(parseDateTimeText("01.11.2026 24:00", "de")).toBeNull();
    expect(parseDateTimeText("01.11.2026 09:60", "de")).toBeNull();
    expect(parseDateTimeText("11/01/2026 13:00 PM", "en")).toBeNull();
    expect(parseDateTimeText("30.02.2026 09:00", "de")).toBeNull();
    expect(parseDateTimeText("09:00", "de")).toBeNull();
  });

  it("writes date-times the language's way", () => {
    expect(formatDateTimeText("2026-11-01T09:00", "de")).toBe("01.11.2026 09:00");
    expect(formatDateTimeText("2026-11-01T17:30:15", "de")).toBe("01.11.2026 17:30:15");
    expect(formatDateTimeText("2026-11-01T09:00", "en")).toBe("11/01/2026 09:00 AM");
    expect(formatDateTimeText("2026-11-01T00:15", "en")).toBe("11/01/2026 12:15 AM");
    expect(formatDateTimeText("2026-11-01T12:00", "en")).toBe("11/01/2026 12:00 PM");
  });

  it("reads back what it writes", () => {
    for (const language of ["de", "en"]) {
      for (const wall of ["2026-01-01T00:00", "2026-06-30T12:00", "2026-12-31T23:59:30"]) {
        expect(parseDateTimeText(formatDateTimeText(wall, language), language)).toBe(wall);
      }
    }
  });

  it("keeps the daylight-saving edges in Europe/Berlin", () => {
    const zone = "Europe/Berlin";
    // 25 Oct 2026: 02:30 happens twice; the first (summer time) is taken.
    const twice = parseDateTimeText("25.10.2026 02:30", "de");
    expect(zonedInputToIso(twice ?? "", zone)).toBe("2026-10-25T02:30:00+02:00");
    expect(skippedTime(twice ?? "", zone)).toBeNull();
    // 29 Mar 2026: 02:30 does not exist; clocks move it to 03:30, and the input says so.
    const gap = parseDateTimeText("03/29/2026 2:30 AM", "en");
    expect(gap).toBe("2026-03-29T02:30");
    expect(zonedInputToIso(gap ?? "", zone)).toBe("2026-03-29T03:30:00+02:00");
    expect(skippedTime(gap ?? "", zone)).toBe("2026-03-29T03:30");
    expect(skippedTime("2026-03-29T03:00", zone)).toBeNull();
    expect(skippedTime("2026-03-29T01:59", zone)).toBeNull();
    expect(zonedInputToIso(parseDateTimeText("01.11.2026 09:00", "de") ?? "", zone)).toBe("2026-11-01T09:00:00+01:00");
  });
});

describe("numbers as people type them", () => {
  it("reads the language's marks exactly", () => {
    expect(parseNumberText("1.234,5", "de")).toBe("1234.5");
    expect(parseNumberText("1234,50", "de")).toBe("1234.50");
    expect(parseNumberText("1.234", "de")).toBe("1234");
    expect(parseNumberText("-0,10", "de")).toBe("-0.10");
    expect(parseNumberText("12.50", "de")).toBe("12.50");
    expect(parseNumberText("1,234.5", "en")).toBe("1234.5");
    expect(parseNumberText("1,234", "en")).toBe("1234");
    expect(parseNumberText("12,5", "en")).toBe("12.5");
    expect(parseNumberText("123456789012345678901234567890,123", "de")).toBe("123456789012345678901234567890.123");
    expect(parseNumberText(" ", "de")).toBe("");
  });

  it("refuses what is no number", () => {
    expect(parseNumberText("12a", "de")).toBeNull();
    expect(parseNumberText("1,2.3,4", "de")).toBeNull();
    expect(parseNumberText("--1", "en")).toBeNull();
    expect(parseNumberText("1,5", "de", true)).toBeNull();
    expect(parseNumberText("1.234", "de", true)).toBe("1234");
    expect(parseNumberText("1.5", "en", true)).toBeNull();
  });

  it("writes numbers the language's way, digit for digit", () => {
    expect(formatNumberText("1234.5", "de")).toBe("1.234,5");
    expect(formatNumberText("1234.50", "en")).toBe("1,234.50");
    expect(formatNumberText("-0.10", "de")).toBe("-0,10");
    expect(formatNumberText("12a", "de")).toBe("12a");
  });
});
