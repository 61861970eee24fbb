/**
 * Reads an instant sent by the server: an ISO 8601 date-time, or epoch seconds
 * or milliseconds. A date-time without a zone is UTC, as the server stores it,
 * not local time here. Returns epoch milliseconds, or null when unreadable.
 */
export function parseInstant(value: string | number | null | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? (value < 1e12 ? value * 1000 : value) : null;
  if (typeof value !== "string" || !value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return parseInstant(Number(value));
  const hasTime = value.length > 10;
  const zoned = !hasTime || /[zZ]|[+-]\d\d:?\d\d$/.test(value.slice(10)) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}
