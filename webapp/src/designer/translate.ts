/**
 * bpmn-js's own words (palette, context pad, "Change element" menu, properties panel, drawing
 * checks) in the interface's language. bpmn-js asks for each English text through its
 * `translate` service, bpmn-js-bpmnlint for each drawing check's message. The German words are in
 * `locales/de.json`, a flat JSON map from the English text to the German one, as translators'
 * tools read it; `translate.test.ts` checks that every text those libraries can ask for has one.
 */
import i18n from "../i18n";
import GERMAN_TEXTS from "./locales/de.json";

const GERMAN: Record<string, string> = GERMAN_TEXTS;

/**
 * bpmnlint writes names into a few messages ("… link name <Paid> …"): their texts hold `<{name}>`
 * and are matched as patterns, the name carried over.
 */
const GERMAN_PATTERNS: [RegExp, string][] = Object.entries(GERMAN)
  .filter(([english]) => /<{[^}]+}>/.test(english))
  .map(([english, german]) => {
    const names: string[] = [];
    const source = english
      .split(/({[^}]+})/)
      .map((part) => {
        const name = /^{([^}]+)}$/.exec(part);
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name[1]);
        return "(.+?)";
      })
      .join("");
    return [new RegExp(`^${source}$`), german.replace(/{([^}]+)}/g, (_placeholder, key: string) => `{${names.indexOf(key) >= 0 ? names.indexOf(key) : key}}`)];
  });

/** The German text for an English one: word for word, else by a pattern, else the English. */
function german(english: string): string {
  const exact = GERMAN[english];
  if (exact !== undefined) return exact;
  for (const [pattern, text] of GERMAN_PATTERNS) {
    const found = pattern.exec(english);
    if (found) return text.replace(/{(\d+)}/g, (placeholder, index: string) => found[Number(index) + 1] ?? placeholder);
  }
  return english;
}

/** diagram-js's translate: the text in the current language, `{name}` placeholders filled in. */
export function translate(template: string, replacements: Record<string, string> = {}): string {
  const language = i18n.resolvedLanguage ?? i18n.language;
  const text = language === "de" ? german(template) : template;
  return text.replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
}

/** Replaces diagram-js's translate service. */
export const translateModule = { translate: ["value", translate] };
