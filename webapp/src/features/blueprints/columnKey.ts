import { slugify } from "../../app/slug";

/** Column keys: lowercase letters, digits and underscores, starting with a letter, at most 63. */
export const COLUMN_KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const COLUMN_KEY_MAX = 63;
/** Names every record has already, or that the server keeps for itself. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["id", "created_at", "updated_at", "version", "blueprint", "tenant_id"]);

function fit(base: string, suffix = ""): string {
  return `${base.slice(0, COLUMN_KEY_MAX - suffix.length).replace(/_+$/, "")}${suffix}`;
}

/**
 * Derives a column key from its label: "Deliver from" → "deliver_from",
 * "Weight (kg)" → "weight_kg", "2nd address" → "c_2nd_address". Accents are
 * dropped like in workspace slugs; a reserved name gets "_value" appended and a
 * key that another column has gets "_2", "_3"... so the result is always valid.
 */
export function columnKeyFrom(label: string, taken: Iterable<string> = []): string {
  let key = baseKeyFrom(label);
  if (RESERVED_KEYS.has(key)) key = fit(key, "_value");
  const used = new Set(taken);
  if (!used.has(key)) return key;
  for (let n = 2; ; n += 1) {
    const candidate = fit(key, `_${n}`);
    if (!used.has(candidate)) return candidate;
  }
}

/** The key a label reads as, before reserved names and keys already taken are avoided. */
export function baseKeyFrom(label: string): string {
  let key = slugify(label).replace(/-/g, "_");
  if (!key) key = "column";
  if (/^[0-9]/.test(key)) key = `c_${key}`;
  return fit(key);
}

/** The reserved name a label reads as ("Created at" → "created_at"), or null when it reads as none. */
export function reservedNameOf(label: string): string | null {
  const key = label.trim() ? baseKeyFrom(label) : "";
  return RESERVED_KEYS.has(key) ? key : null;
}

export function isValidColumnKey(key: string): boolean {
  return COLUMN_KEY_PATTERN.test(key) && !RESERVED_KEYS.has(key);
}
