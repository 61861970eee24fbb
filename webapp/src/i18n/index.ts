import i18n, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en";

/** The languages of the interface, each named in its own language. */
export const UI_LANGUAGES = [
  { code: "en", name: "English" },
  { code: "de", name: "Deutsch" },
] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number]["code"];

export const LANGUAGE_STORAGE_KEY = "loom.language";
/** The language of the workspace seen last in this tab, so a reload starts in it (sessionStorage). */
export const WORKSPACE_LANGUAGE_KEY = "loom.workspaceLanguage";

/**
 * English comes with the app; other languages are downloaded when chosen (each about 30 KB gzip),
 * also when a test or a component calls i18n.changeLanguage directly.
 */
const laterLanguages: BackendModule = {
  type: "backend",
  init() {},
  read(language, _namespace, callback) {
    if (language !== "de") {
      callback(null, {});
      return;
    }
    import("./de").then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error.message : String(error), false),
    );
  },
};

export function isUiLanguage(code: string | null | undefined): code is UiLanguage {
  return UI_LANGUAGES.some((language) => language.code === code);
}

function readStored(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function readStoredLanguage(): string | null {
  return readStored(() => localStorage, LANGUAGE_STORAGE_KEY);
}

/** The language of the workspace this tab showed last, if any (it outlives a reload, not the tab). */
export function lastWorkspaceLanguage(): string | null {
  return readStored(() => sessionStorage, WORKSPACE_LANGUAGE_KEY);
}

/** Remembers the language of the workspace this tab shows. */
export function rememberWorkspaceLanguage(code: string): void {
  try {
    sessionStorage.setItem(WORKSPACE_LANGUAGE_KEY, code);
  } catch {
    // Private mode: a reload starts in this browser's language until the workspace loads.
  }
}

/** This browser's language: the choice saved here, else the browser's preferred language when we speak it, else English. */
export function detectLanguage(): UiLanguage {
  const stored = readStoredLanguage();
  if (isUiLanguage(stored)) return stored;
  const preferred = typeof navigator !== "undefined" ? navigator.languages ?? [navigator.language] : [];
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split("-")[0];
    if (isUiLanguage(base)) return base;
  }
  return "en";
}

/**
 * The interface language: the person's own choice (their account), else the language of the
 * workspace they are in, else this browser's (detectLanguage).
 */
export function resolveLanguage(choice: string | null | undefined, workspace: string | null | undefined): UiLanguage {
  if (isUiLanguage(choice)) return choice;
  if (isUiLanguage(workspace)) return workspace;
  return detectLanguage();
}

/** Forgets the choice saved in this browser (the person chose "same as the workspace / browser"). */
export function forgetStoredLanguage(): void {
  try {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Private mode: nothing was kept.
  }
}

/** Switches the interface language and remembers the choice in this browser. */
export async function changeLanguage(code: UiLanguage): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  await i18n.changeLanguage(code);
}

export function currentLanguage(): UiLanguage {
  const code = i18n.resolvedLanguage ?? i18n.language;
  return isUiLanguage(code) ? code : "en";
}

i18n.on("languageChanged", (code) => {
  if (typeof document !== "undefined") document.documentElement.lang = code;
});

/**
 * The language a page starts in, before the person and their workspace have loaded: this
 * browser's saved choice, else the workspace this tab showed last, else the browser's. So a
 * reload does not flash the browser's language at a person who chose none in a German workspace.
 */
export function startLanguage(): UiLanguage {
  const stored = readStoredLanguage();
  if (isUiLanguage(stored)) return stored;
  const workspace = lastWorkspaceLanguage();
  return isUiLanguage(workspace) ? workspace : detectLanguage();
}

/** Settles once the chosen language's texts are in (at once for English): main.tsx renders after it. */
export const i18nReady: Promise<unknown> = i18n
  .use(laterLanguages)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    lng: startLanguage(),
    fallbackLng: "en",
    supportedLngs: UI_LANGUAGES.map((language) => language.code),
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

export default i18n;
