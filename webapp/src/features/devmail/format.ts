import { formatInstant } from "../../app/format";

/** A date-time in the browser's own timezone, to the second, e.g. "03.03.2025, 14:05:09". */
export function formatReceived(value: string, locale?: string): string {
  return formatInstant(value, { language: locale, time: "medium" }) || value;
}
