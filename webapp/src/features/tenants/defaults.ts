import type { Language } from "../../api/types";

/** The browser's timezone when the server offers it, else UTC, else the first one offered. */
export function defaultTimezone(timezones: readonly string[], browserZone?: string): string {
  let zone = browserZone;
  if (zone === undefined) {
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      zone = undefined;
    }
  }
  if (zone && timezones.includes(zone)) return zone;
  if (timezones.includes("UTC")) return "UTC";
  return timezones[0] ?? "";
}

/** The interface language when the server offers it, else the first one offered. */
export function defaultLanguage(languages: readonly Language[], uiLanguage: string): string {
  const match = languages.find((language) => language.code === uiLanguage);
  return match?.code ?? languages[0]?.code ?? "";
}

export function languageName(languages: readonly Language[], code: string): string {
  return languages.find((language) => language.code === code)?.name ?? code;
}
