import { parseInstant } from "../../api/time";

function format(iso: string | null | undefined, language: string, options: Intl.DateTimeFormatOptions): string {
  const ms = parseInstant(iso);
  return ms === null ? "" : new Intl.DateTimeFormat(language, options).format(ms);
}

/** A day as people write it in the interface's language, e.g. "23 December 2026". */
export function formatDay(iso: string | null | undefined, language: string): string {
  return format(iso, language, { dateStyle: "long" });
}

/** A moment with its date and time, e.g. "Nov 24, 2026, 5:29 AM". */
export function formatMoment(iso: string | null | undefined, language: string): string {
  return format(iso, language, { dateStyle: "medium", timeStyle: "short" });
}
