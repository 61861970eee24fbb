import { describe, expect, it } from "vitest";
import de from "./de";
import en from "./en";
import { detectLanguage, LANGUAGE_STORAGE_KEY, rememberWorkspaceLanguage, resolveLanguage, startLanguage, WORKSPACE_LANGUAGE_KEY } from "./index";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function lookup(tree: Tree, path: string): string | Tree | undefined {
  return path.split(".").reduce<string | Tree | undefined>(
    (node, key) => (node && typeof node === "object" ? node[key] : undefined),
    tree,
  );
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  const enKeys = keys(en);
  const deKeys = keys(de as Tree);

  it("has every English key in German", () => {
    expect(enKeys.filter((key) => !deKeys.includes(key))).toEqual([]);
  });

  it("has no German key that English lacks", () => {
    expect(deKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
  });

  it("leaves no text empty", () => {
    for (const [name, tree] of [["en", en], ["de", de]] as const) {
      const empty = keys(tree as Tree).filter((key) => !String(lookup(tree as Tree, key)).trim());
      expect(empty, name).toEqual([]);
    }
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of enKeys) {
      expect(placeholders(String(lookup(de as Tree, key))), key).toEqual(placeholders(String(lookup(en, key))));
    }
  });
});

describe("detectLanguage", () => {
  it("prefers the saved choice", () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "de");
    expect(detectLanguage()).toBe("de");
  });

  it("ignores a saved language the interface does not speak", () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "xx");
    expect(["en", "de"]).toContain(detectLanguage());
  });
});

describe("resolveLanguage", () => {
  it("takes the person's choice, else the workspace's language, else this browser's", () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    expect(resolveLanguage("de", "en")).toBe("de");
    expect(resolveLanguage(null, "de")).toBe("de");
    expect(resolveLanguage(undefined, "xx")).toBe("en");
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "de");
    expect(resolveLanguage(null, null)).toBe("de");
    expect(resolveLanguage("en", "de")).toBe("en");
  });
});

describe("startLanguage", () => {
  it("starts a reloaded tab in the language of the workspace it showed, unless this browser has a choice", () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    sessionStorage.removeItem(WORKSPACE_LANGUAGE_KEY);
    const browser = detectLanguage();
    expect(startLanguage()).toBe(browser);
    rememberWorkspaceLanguage(browser === "de" ? "en" : "de");
    expect(startLanguage()).toBe(browser === "de" ? "en" : "de");
    localStorage.setItem(LANGUAGE_STORAGE_KEY, browser);
    expect(startLanguage()).toBe(browser);
    sessionStorage.removeItem(WORKSPACE_LANGUAGE_KEY);
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
  });
});
