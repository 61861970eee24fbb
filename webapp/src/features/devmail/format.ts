import { parseInstant } from "../../api/time";

/** A date-time in the browser's own locale and timezone, e.g. "3 Mar 2025, 14:05:09". */
export function formatReceived(value: string, locale?: string): string {
  const ms = parseInstant(value);
  if (ms === null) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(ms);
}
