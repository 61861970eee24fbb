/**
 * Decimal numbers as text, from input to storage to display: they never pass
 * through a JavaScript number, so "0.10", "12.50" or 30 significant digits
 * stay exactly what the person typed and the server stored.
 */
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Reads a typed decimal into the canonical form the API takes ("1234.50"), or
 * null when it is not a number. Accepts "12,5" (comma as decimal mark), and
 * thousands separators when both marks appear ("1.234,56", "1,234.56").
 */
export function parseDecimal(input: string): string | null {
  let text = input.trim().replace(/[\s\u00a0\u202f'_]/g, "");
  if (text.startsWith("+")) text = text.slice(1);
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    const mark = lastDot > lastComma ? "." : ",";
    const grouping = mark === "." ? "," : ".";
    text = text.split(grouping).join("").replace(mark, ".");
  } else if (lastComma >= 0) {
    text = text.split(",").length === 2 ? text.replace(",", ".") : text.split(",").join("");
  } else if (text.split(".").length > 2) {
    text = text.split(".").join("");
  }
  if (!DECIMAL.test(text)) return null;
  const negative = text.startsWith("-");
  const [whole = "", fraction] = (negative ? text.slice(1) : text).split(".");
  const integer = whole.replace(/^0+(?=\d)/, "") || "0";
  const result = fraction ? `${integer}.${fraction}` : integer;
  return negative && /[1-9]/.test(result) ? `-${result}` : result;
}

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((part) => part.type === "group")?.value ?? ",",
    decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
  };
}

/** A stored decimal for people ("1234.50" → "1,234.50" or "1.234,50"), digit for digit. */
export function formatDecimal(value: string | number | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === "") return "";
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction] = match;
  const { group, decimal } = separators(locale);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${fraction ? `${decimal}${fraction}` : ""}`;
}

/** Compares two canonical decimals without converting them: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const sign = (s: string) => (s.startsWith("-") ? -1 : 1);
  if (sign(a) !== sign(b)) return sign(a) < sign(b) ? -1 : 1;
  const [aw, af = ""] = a.replace("-", "").split(".");
  const [bw, bf = ""] = b.replace("-", "").split(".");
  const width = Math.max(af.length, bf.length);
  const norm = (w: string, f: string) => `${w.padStart(40, "0")}${f.padEnd(width, "0")}`;
  const left = norm(aw, af);
  const right = norm(bw, bf);
  const result = left === right ? 0 : left < right ? -1 : 1;
  return sign(a) < 0 ? -result : result;
}
