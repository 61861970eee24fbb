import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import i18n from "../i18n";
import { LINT_RULES } from "./lintConfig";
import GERMAN from "./locales/de.json";
import { translate } from "./translate";

/**
 * Every English text the designer's libraries can show has a German one: read from their
 * sources (`translate('…')` calls, and the messages of the bpmnlint rules Loom turns on), so a
 * library upgrade that adds a text fails here until it is translated.
 */
const modules = resolve(dirname(fileURLToPath(import.meta.url)), "../../node_modules");
const TRANSLATE_CALL = /translate\(\s*(['"])((?:\\.|(?!\1).)*)\1/g;
const REPORT_CALL = /reporter\.report\([^,]+,\s*'([^']*)'/g;

/** What the search finds that is no text: an SVG transform, an example in a comment, a text's first piece. */
const NOT_TEXTS = new Set([" + shift + ", "HELLO {you}", "Align elements "]);
/** The texts built from pieces, which the search cannot read whole. */
const BUILT_TEXTS = [
  ...["left", "center", "right", "top", "middle", "bottom"].map((side) => `Align elements ${side}`),
  "List contains {numOfItems} item",
  "List contains {numOfItems} items",
  "Click to remove dynamic value with FEEL expression",
  "Click to set a dynamic value with FEEL expression",
  "Process is missing end event",
  "Sub process is missing end event",
  "Process is missing start event",
  "Sub process is missing start event",
  "Process has multiple blank start events",
  "Sub process has multiple blank start events",
  "Element type <bpmn:ComplexGateway> is discouraged",
  "Link catch event with link name <Paid> missing in scope",
  "Link throw event with link name <Paid> missing in scope",
  "Duplicate link catch event with link name <Paid> in scope",
];

function calls(source: string, pattern: RegExp, group: number): string[] {
  return [...source.matchAll(pattern)].map((match) => match[group]).filter((text) => !text.includes("${") && !NOT_TEXTS.has(text));
}

function filesBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(join(folder, entry.name)) : entry.name.endsWith(".js") ? [join(folder, entry.name)] : [],
  );
}

/** The sources a bundled package was built from, as its source map keeps them. */
function bundledSources(mapFile: string, keep: (name: string) => boolean): string[] {
  const map = JSON.parse(readFileSync(join(modules, mapFile), "utf8")) as { sources: string[]; sourcesContent: (string | null)[] };
  return map.sources.flatMap((name, index) => (keep(name) && map.sourcesContent[index] ? [map.sourcesContent[index]] : []));
}

function libraryTexts(): string[] {
  const sources = [
    ...["bpmn-js/lib", "diagram-js/lib"].flatMap((folder) => filesBelow(join(modules, folder)).map((file) => readFileSync(file, "utf8"))),
    // Loom loads the standard BPMN properties, not Camunda's or Zeebe's.
    ...bundledSources("bpmn-js-properties-panel/dist/index.esm.js.map", (name) => !/camunda|zeebe|contextProvider|node_modules/.test(name)),
    ...bundledSources("@bpmn-io/properties-panel/dist/index.esm.js.map", (name) => !name.includes("node_modules")),
    readFileSync(join(modules, "bpmn-js-bpmnlint/dist/index.esm.js"), "utf8"),
  ];
  const lintRules = Object.keys(LINT_RULES)
    .filter((name) => !name.includes("/"))
    .map((name) => readFileSync(join(modules, "bpmnlint/rules", `${name}.js`), "utf8"));
  return [...new Set([...sources.flatMap((source) => calls(source, TRANSLATE_CALL, 2)), ...lintRules.flatMap((source) => calls(source, REPORT_CALL, 1))])];
}

describe("the designer in German", () => {
  beforeAll(async () => {
    await i18n.changeLanguage("de");
  });
  afterAll(async () => {
    await i18n.changeLanguage("en");
  });

  it("has a German text for every text bpmn-js, its properties panel and the drawing checks can show", () => {
    const texts = libraryTexts();
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((text) => !(text in GERMAN))).toEqual([]);
  });

  it("has a German text for the messages bpmnlint builds from pieces, names carried over", () => {
    expect(BUILT_TEXTS.filter((text) => translate(text) === text)).toEqual([]);
    expect(translate("Link catch event with link name <Paid> missing in scope")).toBe(
      "Zum Link-Namen <Paid> fehlt hier ein empfangendes Link-Ereignis",
    );
  });
});
