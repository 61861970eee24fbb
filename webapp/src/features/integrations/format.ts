import { formatInstant } from "../../app/format";

/** A moment of the delivery log, to the second (retries come seconds apart), in the workspace's timezone. */
export function formatMoment(iso: string | null | undefined, timeZone: string, locale: string): string {
  return iso ? formatInstant(iso, { timeZone, language: locale, time: "medium" }) : "";
}
