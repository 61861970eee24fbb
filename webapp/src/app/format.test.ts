import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatInstant, formatNumber, localeOf } from "./format";

const berlin = "Europe/Berlin";

describe("the one formatting module", () => {
  it("writes date-times as the interface language does, in the workspace's timezone", () => {
    expect(formatDateTime("2026-12-06T08:12:27.123456Z", berlin, "de")).toBe("06.12.2026, 09:12");
    expect(formatDateTime("2026-12-06T08:12:27Z", "America/New_York", "de")).toBe("06.12.2026, 03:12");
    expect(formatDateTime("2026-12-06T08:12:27Z", berlin, "en")).toBe("Dec 6, 2026, 9:12 AM");
    expect(formatInstant("2026-12-06T08:12:27Z", { timeZone: berlin, language: "de", time: "medium" })).toBe("06.12.2026, 09:12:27");
  });

  it("writes calendar dates and numbers in the language's locale", () => {
    expect(formatDate("2026-03-01", "de")).toBe("01.03.2026");
    expect(formatDate("2026-03-01", "en")).toBe("Mar 1, 2026");
    expect(formatNumber(1234.5, "de")).toBe("1.234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
    expect(localeOf("de")).toBe("de-DE");
  });

  it("gives back what it cannot read", () => {
    expect(formatDateTime("soon", berlin, "de")).toBe("soon");
    expect(formatDateTime(null, berlin, "de")).toBe("");
  });
});
