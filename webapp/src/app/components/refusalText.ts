import type { TFunction } from "i18next";
import { formatNumber } from "../format";

/**
 * A refusal of a diagram or a step as the server sends it: the English
 * `message`, and the stable `code` and `params` it was made from
 * (platform/engine/flows/refusals.py).
 */
export interface Refusal {
  message: string;
  code?: string | null;
  params?: Record<string, unknown> | null;
}

/** The code and params of an answer's item or problem+json body, each only when it has one. */
export function refusalOf(value: Record<string, unknown>, message: string): Refusal {
  const refusal: Refusal = { message };
  if (typeof value.code === "string" && value.code) refusal.code = value.code;
  const params = value.params;
  if (params && typeof params === "object" && !Array.isArray(params)) refusal.params = params as Record<string, unknown>;
  return refusal;
}

/**
 * The refusal in the user's language: the text `flowErrors.<code>` with its
 * params when the interface has one, else the server's English message (a
 * code newer than this page, or none). The `part` param names a kind of code
 * (script, condition, …), which each language words itself; numbers are
 * written the language's way.
 */
export function refusalText(refusal: Refusal, t: TFunction, language?: string): string {
  const { code, params, message } = refusal;
  if (!code) return message;
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (name === "part" && typeof value === "string") values[name] = t(`flowErrors.parts.${value}`, { defaultValue: value });
    else if (typeof value === "number") values[name] = formatNumber(value, language);
    else values[name] = value ?? "";
  }
  // A code that names a group of texts (none does on the server) must not show i18next's notice.
  const text: unknown = t(`flowErrors.${code}`, { ...values, defaultValue: "", returnObjects: true });
  return typeof text === "string" && text ? text : message;
}
