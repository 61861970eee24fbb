import { describe, expect, it } from "vitest";
import { isValidSlug, slugify } from "./slug";

describe("slugify", () => {
  it.each([
    ["X Delivery System", "x-delivery-system"],
    ["X Stock", "x-stock"],
    ["  Lots   of   spaces  ", "lots-of-spaces"],
    ["Café Zürich", "cafe-zurich"],
    ["Crème Brûlée Ångström", "creme-brulee-angstrom"],
    ["Straße & Söhne GmbH", "strasse-sohne-gmbh"],
    ["Łódź Æther Øresund", "lodz-aether-oresund"],
    ["Joe's Pizza", "joes-pizza"],
    ["ACME, Inc. (EU) #1!", "acme-inc-eu-1"],
    ["100% -- done__now", "100-done-now"],
    ["---", ""],
    ["日本語", ""],
  ])("%j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("cuts long names to 63 characters without a trailing hyphen", () => {
    const slug = slugify(`${"a".repeat(62)} b c`);
    expect(slug).toBe("a".repeat(62));
    expect(slugify("word ".repeat(30)).length).toBeLessThanOrEqual(63);
    expect(slugify("word ".repeat(30))).not.toMatch(/-$/);
  });

  it("always yields a valid slug when it yields three characters or more", () => {
    for (const name of ["Ünïcödé Wörkspace", "a--b", "Büro 2025 / Nord", `${"é".repeat(80)}`]) {
      const slug = slugify(name);
      if (slug.length >= 3) expect(isValidSlug(slug)).toBe(true);
    }
  });
});

describe("isValidSlug", () => {
  it.each(["abc", "x-delivery-system", "a1-b2-c3", "a".repeat(63)])("accepts %j", (slug) => {
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each(["ab", "a".repeat(64), "-abc", "abc-", "a--b", "ABC", "a_b", "a b", "ü-x"])("rejects %j", (slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });
});
