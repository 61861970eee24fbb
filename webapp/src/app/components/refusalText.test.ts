import { afterEach, describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { refusalOf, refusalText } from "./refusalText";

const t = i18n.t.bind(i18n);

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("refusalText", () => {
  it("shows the code's text with its params in the user's language", async () => {
    const refusal = {
      message: "The data store 'Orders' cannot be used: …",
      code: "flow.data_store.unsupported",
      params: { name: "Orders" },
    };
    expect(refusalText(refusal, t)).toBe(
      "The data store 'Orders' cannot be used: a flow keeps its data in its record. Remove the data store and use the record's fields.",
    );
    await i18n.changeLanguage("de");
    expect(refusalText(refusal, i18n.t.bind(i18n))).toContain("Der Datenspeicher 'Orders' kann nicht verwendet werden");
  });

  it("words the part and writes numbers the language's way", async () => {
    await i18n.changeLanguage("de");
    const de = i18n.t.bind(i18n);
    const refused = { message: "This condition cannot run; change it. x", code: "flow.code.refused", params: { part: "condition", reason: "x" } };
    expect(refusalText(refused, de)).toBe("Diese(s) Bedingung kann nicht laufen; ändern Sie es. x");
    const many = { message: "…", code: "flow.limit.instances", params: { count: 20000, limit: 1000 } };
    expect(refusalText(many, de, "de")).toContain("20.000-mal");
  });

  it("falls back to the server's message for an unknown code or none", () => {
    expect(refusalText({ message: "Something new.", code: "flow.newer.than_this_page", params: {} }, t)).toBe("Something new.");
    expect(refusalText({ message: "Plain.", code: null }, t)).toBe("Plain.");
    expect(refusalText({ message: "Plain." }, t)).toBe("Plain.");
  });

  it("does not take a group of codes for a text", () => {
    expect(refusalText({ message: "Group.", code: "flow.diagram", params: {} }, t)).toBe("Group.");
  });
});

describe("refusalOf", () => {
  it("reads the code and params of an answer, ignoring what is not one", () => {
    expect(refusalOf({ code: "flow.step.failed", params: { a: 1 } }, "m")).toEqual({
      message: "m",
      code: "flow.step.failed",
      params: { a: 1 },
    });
    expect(refusalOf({ code: 3, params: [1] }, "m")).toStrictEqual({ message: "m" });
  });
});
