import { afterEach, describe, expect, it } from "vitest";
import i18n from "../i18n";
import * as replaceOptions from "bpmn-js/lib/features/replace/ReplaceOptions";
import { translate } from "./translate";

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("bpmn-js's words", () => {
  it("stay English in English and fill in placeholders", async () => {
    await i18n.changeLanguage("en");
    expect(translate("Create task")).toBe("Create task");
    expect(translate("{errors} Errors, {warnings} Warnings", { errors: "2", warnings: "0" })).toBe("2 Errors, 0 Warnings");
  });

  it("are German in German, and unknown ones stay as they are", async () => {
    await i18n.changeLanguage("de");
    expect(translate("Create task")).toBe("Aufgabe anlegen");
    expect(translate("{errors} Errors, {warnings} Warnings", { errors: "1", warnings: "3" })).toBe("1 Fehler, 3 Warnungen");
    expect(translate("Something new")).toBe("Something new");
  });

  it("are German for every entry of the Change element menu", async () => {
    await i18n.changeLanguage("de");
    const labels = Object.values(replaceOptions as unknown as Record<string, { label: string }[]>)
      .filter(Array.isArray)
      .flat()
      .map((option) => option.label)
      .filter((label): label is string => typeof label === "string");
    expect(labels.length).toBeGreaterThan(50);
    expect(labels.filter((label) => translate(label) === label)).toEqual([]);
  });
});
