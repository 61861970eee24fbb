/**
 * Wall-clock times in a tenant's timezone, with nothing but Intl.
 *
 * Records store date-times in UTC; people see and type them in the tenant's
 * timezone. An input value is "YYYY-MM-DDTHH:mm" (or with ":ss"), the form of
 * <input type="datetime-local">; what goes back to the server is ISO 8601 with
 * the offset that applied at that moment, e.g. "2025-07-01T12:00:00+02:00".
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A timezone Intl knows, else UTC (a tenant with an unknown zone still works). */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}

export function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(safeTimeZone(timeZone)).formatToParts(new Date(epochMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

const asUtc = (c: WallClock) => Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);

/** Minutes the zone is ahead of UTC at that instant (Berlin: 60 in winter, 120 in summer). */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((asUtc(wallClock(whole, timeZone)) - whole) / 60_000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** Reads a server date-time ("...T10:00:00.123456Z", any number of fraction digits). */
export function parseUtc(iso: string): number | null {
  const match = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(Z|[+-]\d\d:?\d\d)?$/i.exec(iso.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s = "0", frac = "", zone = "Z"] = match;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(frac.padEnd(3, "0").slice(0, 3)));
  if (zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.replace(/[^0-9]/g, "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isNaN(ms) ? null : ms;
}

/** A stored UTC date-time as the tenant's wall clock, for a datetime-local input. */
export function utcToZonedInput(iso: string | null | undefined, timeZone: string): string {
  const ms = iso ? parseUtc(iso) : null;
  if (ms === null) return "";
  const c = wallClock(ms, timeZone);
  const base = `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
  return c.second ? `${base}:${pad(c.second)}` : base;
}

function isoWithOffset(epochMs: number, timeZone: string): string {
  const c = wallClock(epochMs, timeZone);
  const offset = offsetMinutes(epochMs, timeZone);
  const sign = offset < 0 ? "-" : "+";
  const zone = `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}${zone}`;
}

/**
 * The instant a wall-clock time in the tenant's zone means, as ISO with offset.
 * Twice-occurring times (the autumn change) take the first; times that do not
 * exist (the spring gap) move forward by the gap, as clocks do.
 */
export function zonedInputToIso(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(local.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s = "0"] = match;
  const zone = safeTimeZone(timeZone);
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return null;
  const day = 86_400_000;
  const offsets = [...new Set([offsetMinutes(wall - day, zone), offsetMinutes(wall + day, zone)])];
  const candidates = offsets
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => asUtc(wallClock(instant, zone)) === wall)
    .sort((a, b) => a - b);
  const instant = candidates[0] ?? wall - offsetMinutes(wall - day, zone) * 60_000;
  return isoWithOffset(instant, zone);
}
