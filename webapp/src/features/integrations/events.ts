/** Hook event types in groups people recognise, with plain-word labels (i18n: integrations.events). */
import type { TFunction } from "i18next";

export const EVENT_GROUPS = [
  { key: "records", prefixes: ["record."] },
  { key: "flows", prefixes: ["transition.", "flow.completed", "flow.stopped"] },
  { key: "inbox", prefixes: ["task."] },
  { key: "design", prefixes: ["blueprint.published", "flow.published"] },
  { key: "data", prefixes: ["import.", "migration."] },
  { key: "members", prefixes: ["member."] },
] as const;

export type EventGroupKey = (typeof EVENT_GROUPS)[number]["key"] | "other";

export function groupOf(type: string): EventGroupKey {
  return EVENT_GROUPS.find((group) => group.prefixes.some((prefix) => type.startsWith(prefix)))?.key ?? "other";
}

/** Event types grouped in the catalogue's order; groups with no type are left out. */
export function groupEvents<T extends { type: string }>(events: readonly T[]): { key: EventGroupKey; events: T[] }[] {
  const keys: EventGroupKey[] = [...EVENT_GROUPS.map((group) => group.key), "other"];
  return keys
    .map((key) => ({ key, events: events.filter((event) => groupOf(event.type) === key) }))
    .filter((group) => group.events.length > 0);
}

/** "A record was created" for record.created; the server's own words for a type this app does not know yet. */
export function eventLabel(t: TFunction, type: string, fallback?: string): string {
  // The types hold dots, so they are looked up in the map rather than as a key path.
  const labels = t("integrations.events.types", { returnObjects: true }) as unknown as Record<string, string>;
  return labels[type] ?? fallback ?? type;
}
