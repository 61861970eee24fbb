import { formatInstant } from "../../app/format";

/** A day as people write it in the interface's language, e.g. "23 December 2026". */
export function formatDay(iso: string | null | undefined, language: string): string {
  return iso ? formatInstant(iso, { language, date: "long", time: "none" }) : "";
}

/** A moment with its date and time, e.g. "Nov 24, 2026, 5:29 AM". */
export function formatMoment(iso: string | null | undefined, language: string): string {
  return iso ? formatInstant(iso, { language }) : "";
}
