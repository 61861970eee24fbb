import { describe, expect, it } from "vitest";
import { compareDecimal, formatDecimal, parseDecimal } from "./decimal";

describe("parseDecimal", () => {
  it("keeps every digit that a float would lose", () => {
    expect(parseDecimal("12345678901234567890.123456789012345678")).toBe("12345678901234567890.123456789012345678");
    expect(parseDecimal("9007199254740993")).toBe("9007199254740993"); // 2^53 + 1
    expect(parseDecimal("0.1")).toBe("0.1");
    expect(parseDecimal("12.50")).toBe("12.50"); // trailing zero kept, unlike Number("12.50")
  });

  it("reads commas and thousands separators", () => {
    expect(parseDecimal("12,5")).toBe("12.5");
    expect(parseDecimal("1.234,56")).toBe("1234.56");
    expect(parseDecimal("1,234.56")).toBe("1234.56");
    expect(parseDecimal("1 234 567")).toBe("1234567");
    expect(parseDecimal("+007.5")).toBe("7.5");
    expect(parseDecimal("-.5")).toBe("-0.5");
    expect(parseDecimal("-0")).toBe("0");
  });

  it("refuses what is not a number", () => {
    for (const text of ["", "abc", "1e5", "NaN", "Infinity", "1.2.3,4,5", "--1", "0x10"]) {
      expect(parseDecimal(text), text).toBeNull();
    }
  });
});

describe("formatDecimal", () => {
  it("groups digits for the language without rounding", () => {
    expect(formatDecimal("1234567.10", "en")).toBe("1,234,567.10");
    expect(formatDecimal("1234567.10", "de")).toBe("1.234.567,10");
    expect(formatDecimal("-12345678901234567890.000000000000000001", "en")).toBe(
      "-12,345,678,901,234,567,890.000000000000000001",
    );
    expect(formatDecimal(null, "en")).toBe("");
  });
});

describe("compareDecimal", () => {
  it("orders decimals as text", () => {
    expect(compareDecimal("10.5", "9.99")).toBe(1);
    expect(compareDecimal("-10.5", "-9.99")).toBe(-1);
    expect(compareDecimal("1.50", "1.5")).toBe(0);
    expect(compareDecimal("-1", "0.1")).toBe(-1);
    expect(compareDecimal("12345678901234567890.1", "12345678901234567890.01")).toBe(1);
  });
});
