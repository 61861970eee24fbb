/**
 * What leaves the browser in a Sentry event: no email addresses, bearer tokens, Loom API keys,
 * JWTs or signing secrets in any text of it, and no secret-looking query values in its URLs
 * (the server's core/sentry.py does the same for backend events).
 */
const FILTERED = "[Filtered]";

const IN_TEXT: RegExp[] = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  /\bbearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\bloom_[0-9a-f]{16}_[A-Za-z0-9_-]{20,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\b(whsec|sk|pk|rk)_[A-Za-z0-9]{16,}/gi,
];
const SECRET_WORDS = ["token", "key", "secret", "password", "passwd", "code", "signature", "session", "email"];

export function scrubText(text: string): string {
  return IN_TEXT.reduce((result, pattern) => result.replace(pattern, FILTERED), text);
}

/** ``url`` with the values of secret-looking query parameters hidden. */
export function scrubUrl(url: string): string {
  return url.replace(/([?&;])([^=&;#]*)=([^&;#]*)/g, (whole, mark: string, name: string) =>
    SECRET_WORDS.some((word) => name.toLowerCase().includes(word)) ? `${mark}${name}=${FILTERED}` : whole,
  );
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 12 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = key === "url" && typeof item === "string" ? scrubText(scrubUrl(item)) : scrubDeep(item, depth + 1);
  }
  return copy;
}

/** Sentry's beforeSend and beforeBreadcrumb: the same object, every text scrubbed. */
export function scrubEvent<T>(event: T): T {
  return scrubDeep(event) as T;
}
