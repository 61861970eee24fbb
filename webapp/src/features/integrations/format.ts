import { parseUtc, safeTimeZone } from "../../app/timezone";

/** A moment of the delivery log, to the second (retries come seconds apart), in the workspace's timezone. */
export function formatMoment(iso: string | null | undefined, timeZone: string, locale: string): string {
  const ms = iso ? parseUtc(iso) : null;
  if (ms === null) return iso ?? "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: safeTimeZone(timeZone) }).format(ms);
}
