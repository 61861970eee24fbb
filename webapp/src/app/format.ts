/**
 * Dates, times and numbers for people: the one place the webapp formats them, in the locale of
 * the interface language (German: "06.12.2026, 09:12") and, for instants, the workspace's timezone.
 * Every function takes the language (an i18next code such as "de", or a full locale); left out, the
 * interface's current language.
 */
import { parseInstant } from "../api/time";
import { currentLanguage } from "../i18n";
import { parseUtc, safeTimeZone } from "./timezone";

/** The locale each interface language formats with. */
const LOCALES: Record<string, string> = { en: "en-US", de: "de-DE" };

export function localeOf(language: string = currentLanguage()): string {
  return LOCALES[language] ?? language;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

interface InstantOptions {
  /** The workspace's IANA zone; left out, the browser's own. */
  timeZone?: string;
  language?: string;
  /** "short": no seconds (the default); "medium": to the second. */
  time?: "short" | "medium" | "none";
  date?: "medium" | "long";
}

/** An instant from the server (ISO 8601 or epoch), or "" when there is none or it is unreadable. */
export function formatInstant(value: string | number | null | undefined, options: InstantOptions = {}): string {
  const ms = typeof value === "string" ? (parseUtc(value) ?? parseInstant(value)) : parseInstant(value);
  if (ms === null) return typeof value === "string" ? value : "";
  const { time = "short", date = "medium" } = options;
  return dateTimeFormat(localeOf(options.language), {
    dateStyle: date,
    ...(time === "none" ? {} : { timeStyle: time }),
    ...(options.timeZone ? { timeZone: safeTimeZone(options.timeZone) } : {}),
  }).format(ms);
}

/** A date-time for people, in the workspace's timezone: "06.12.2026, 09:12" / "Dec 6, 2026, 9:12 AM". */
export function formatDateTime(iso: string | null | undefined, timeZone: string, language?: string): string {
  return formatInstant(iso, { timeZone, language });
}

/** A calendar date ("2025-03-01") for people; no timezone shifts it. */
export function formatDate(value: string | null | undefined, language?: string): string {
  const match = value ? /^(\d{4})-(\d\d)-(\d\d)$/.exec(value) : null;
  if (!match) return value ?? "";
  const ms = Date.UTC(+match[1], +match[2] - 1, +match[3]);
  return dateTimeFormat(localeOf(language), { dateStyle: "medium", timeZone: "UTC" }).format(ms);
}

/** A number as the interface language writes it: "1.234,5" / "1,234.5". */
export function formatNumber(value: number, language?: string): string {
  return value.toLocaleString(localeOf(language));
}
