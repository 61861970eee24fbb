/**
 * What people type into date, date-time and number inputs, read and shown in the interface
 * language's own way ("01.11.2026 09:00" and "1.234,5" in German, "11/01/2026 09:00 AM" and
 * "1,234.5" in English). ISO forms ("2026-11-01", "2026-11-01T09:00") are read in every language.
 *
 * The values behind the inputs stay what the rest of the webapp uses: "YYYY-MM-DD" for dates,
 * the wall clock "YYYY-MM-DDTHH:mm[:ss]" for date-times (app/timezone.ts turns it into an
 * instant in the workspace's zone), and exact decimal strings ("1234.5") for numbers, which
 * never pass through a JavaScript number.
 */
import { formatDecimal, parseDecimal } from "./records/decimal";
import { localeOf } from "./format";

interface DateShape {
  order: ("day" | "month" | "year")[];
  separator: string;
  hour12: boolean;
}

const shapes = new Map<string, DateShape>();

/** How the language writes a date (order and separator) and whether its clock counts to 12. */
export function dateShape(language: string): DateShape {
  const locale = localeOf(language);
  let shape = shapes.get(locale);
  if (!shape) {
    const parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).formatToParts(0);
    const order = parts.map((part) => part.type).filter((type): type is "day" | "month" | "year" => type === "day" || type === "month" || type === "year");
    const separator = parts.find((part) => part.type === "literal")?.value.trim() || "-";
    const hour12 = new Intl.DateTimeFormat(locale, { hour: "numeric" }).resolvedOptions().hour12 ?? false;
    shape = { order: order.length === 3 ? order : ["year", "month", "day"], separator, hour12 };
    shapes.set(locale, shape);
  }
  return shape;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A typed date as "YYYY-MM-DD"; "" for an empty input; null when it is no date. */
export function parseDateText(input: string, language: string): string | null {
  const text = input.trim();
  if (!text) return "";
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return validDate(+iso[1], +iso[2], +iso[3]);
  const local = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\.?$/.exec(text);
  if (!local) return null;
  const { order } = dateShape(language);
  const values: Record<string, string> = {};
  order.forEach((part, index) => (values[part] = local[index + 1]));
  const { year, month, day } = values;
  if (!/^(\d{2}|\d{4})$/.test(year) || month.length > 2 || day.length > 2) return null;
  return validDate(year.length === 2 ? 2000 + +year : +year, +month, +day);
}

/** "YYYY-MM-DD" as the language writes it ("01.11.2026", "11/01/2026"); anything else unchanged. */
export function formatDateText(value: string | null | undefined, language: string): string {
  const match = value ? /^(\d{4})-(\d\d)-(\d\d)$/.exec(value) : null;
  if (!match) return value ?? "";
  const { order, separator } = dateShape(language);
  const parts = { year: match[1], month: match[2], day: match[3] };
  return order.map((part) => parts[part]).join(separator);
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\.?|uhr)?$/i;

/** A typed date and time as the wall clock "YYYY-MM-DDTHH:mm[:ss]"; "" when empty; null when unreadable. */
export function parseDateTimeText(input: string, language: string): string | null {
  const text = input.trim();
  if (!text) return "";
  const split = /^(\S+?)(?:\s*,\s*|\s+|T)(\d.*)$/i.exec(text);
  if (!split) return null;
  const date = parseDateText(split[1], language);
  const time = TIME.exec(split[2].trim());
  if (!date || !time) return null;
  let hour = +time[1];
  const [minute, second] = [+time[2], time[3] ? +time[3] : 0];
  const meridiem = time[4]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "p" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const base = `${date}T${pad(hour)}:${pad(minute)}`;
  return second ? `${base}:${pad(second)}` : base;
}

/** A wall clock "YYYY-MM-DDTHH:mm[:ss]" as the language writes it; anything else unchanged. */
export function formatDateTimeText(value: string | null | undefined, language: string): string {
  const match = value ? /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(value) : null;
  if (!match) return value ?? "";
  const [, date, h, minute, second] = match;
  const seconds = second && second !== "00" ? `:${second}` : "";
  if (!dateShape(language).hour12) return `${formatDateText(date, language)} ${h}:${minute}${seconds}`;
  const hour = +h % 12 || 12;
  return `${formatDateText(date, language)} ${pad(hour)}:${minute}${seconds} ${+h < 12 ? "AM" : "PM"}`;
}

function numberMarks(language: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(localeOf(language)).formatToParts(12345.6);
  return {
    group: parts.find((part) => part.type === "group")?.value ?? ",",
    decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
  };
}

const escape = (mark: string) => mark.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A typed number as the exact decimal string the API takes ("1234.5"); "" when empty; null when
 * it is no number (or, with whole, no whole number). The language's own marks come first: in
 * German "1.234" is one thousand two hundred thirty-four and "1.234,5" has a decimal comma.
 * What does not fit them is read as parseDecimal reads it (a pasted "12.50" in German).
 */
export function parseNumberText(input: string, language: string, whole = false): string | null {
  const text = input.trim().replace(/[\s\u00a0\u202f'_]/g, "");
  if (!text) return "";
  const { group, decimal } = numberMarks(language);
  const groupMark = /\s/.test(group) ? "" : escape(group);
  const local = new RegExp(`^([+-]?)(\\d{1,3}(?:${groupMark || "(?!)"}\\d{3})+|\\d+)(?:${escape(decimal)}(\\d+))?$`).exec(text);
  let result: string | null;
  if (local) {
    const integer = local[2].split(group).join("").replace(/^0+(?=\d)/, "");
    const value = local[3] ? `${integer}.${local[3]}` : integer;
    result = local[1] === "-" && /[1-9]/.test(value) ? `-${value}` : value;
  } else {
    result = parseDecimal(text);
  }
  if (result !== null && whole && result.includes(".")) return null;
  return result;
}

/** An exact decimal string as the language writes it ("1234.5" → "1.234,5"); anything else unchanged. */
export function formatNumberText(value: string | number | null | undefined, language: string): string {
  return formatDecimal(value, localeOf(language));
}
