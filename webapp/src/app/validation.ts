import type { TFunction } from "i18next";

export const PASSWORD_MIN_LENGTH = 12;

// Deliberately loose: the server decides; this only catches typos early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(t: TFunction) {
  return (value: string) => (EMAIL.test(value.trim()) ? null : t("auth.emailInvalid"));
}

export function validateNewPassword(t: TFunction) {
  return (value: string) => (value.length >= PASSWORD_MIN_LENGTH ? null : t("auth.passwordTooShort"));
}

/**
 * The page to open after signing in: only a path on this site, so a crafted
 * link cannot send people elsewhere.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next.startsWith("/signin") || next.startsWith("/signup")) return "/";
  return next;
}
