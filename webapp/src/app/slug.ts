/** Workspace slugs: lowercase letters, digits and single hyphens, 3 to 63 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MIN = 3;
export const SLUG_MAX = 63;

// Letters that Unicode decomposition does not reduce to plain ASCII.
const SPECIAL: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
};

/**
 * Turns a workspace name into a URL-safe slug: "Café Zürich & Co." → "cafe-zurich-co".
 * Accents are dropped, apostrophes vanish ("Joe's" → "joes"), every other run of
 * symbols or spaces becomes one hyphen, and the result is cut to 63 characters.
 */
export function slugify(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (char) => SPECIAL[char] ?? char)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/['’`]/g, "");
  const slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.slice(0, SLUG_MAX).replace(/-+$/, "");
}

export function isValidSlug(slug: string): boolean {
  return slug.length >= SLUG_MIN && slug.length <= SLUG_MAX && SLUG_PATTERN.test(slug);
}
