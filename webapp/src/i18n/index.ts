import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import de from "./de";
import en from "./en";

/** The languages of the interface, each named in its own language. */
export const UI_LANGUAGES = [
  { code: "en", name: "English" },
  { code: "de", name: "Deutsch" },
] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number]["code"];

export const LANGUAGE_STORAGE_KEY = "loom.language";
export const resources = { en: { translation: en }, de: { translation: de } } as const;

function isUiLanguage(code: string | null | undefined): code is UiLanguage {
  return UI_LANGUAGES.some((language) => language.code === code);
}

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The saved choice, else the browser's preferred language when we speak it, else English. */
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

void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: "en",
  supportedLngs: UI_LANGUAGES.map((language) => language.code),
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18n;
