import type { Problem } from "./types";

export type FieldErrors = Record<string, string[]>;

/**
 * An error answer from the API, read from its RFC 7807 problem document.
 * `status` is 0 when the server could not be reached at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly type: string | null;
  /** Messages per input field (422), keyed by the field name the server used. */
  readonly fieldErrors: FieldErrors;
  /** Seconds to wait before trying again (429), when the server said so. */
  readonly retryAfter: number | null;
  /** The whole problem document, for members some answers add (a flow error's `element`). */
  readonly problem: Readonly<Record<string, unknown>>;
  /** The server's X-Request-ID for this answer: what support looks the request up by. */
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    title: string;
    detail?: string | null;
    type?: string | null;
    fieldErrors?: FieldErrors;
    retryAfter?: number | null;
    problem?: Record<string, unknown>;
    requestId?: string | null;
  }) {
    super(init.detail || init.title);
    this.name = "ApiError";
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? null;
    this.type = init.type ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfter = init.retryAfter ?? null;
    this.problem = init.problem ?? {};
    this.requestId = init.requestId ?? null;
  }

  /** True when the server rejected some of the input (with or without field messages). */
  get isValidation(): boolean {
    return this.status === 422 || this.status === 400;
  }
}

// flask-smorest nests messages under the request location ("json", "query" ...);
// those wrappers are not field names, so their contents are lifted up.
const LOCATIONS = new Set(["json", "query", "form", "files", "headers", "cookies", "path"]);

function addMessages(out: FieldErrors, key: string, value: unknown): void {
  if (value == null) return;
  if (typeof value === "string") {
    (out[key] ??= []).push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) addMessages(out, key, item);
  } else if (typeof value === "object") {
    for (const [child, nested] of Object.entries(value as Record<string, unknown>)) {
      addMessages(out, key ? `${key}.${child}` : child, nested);
    }
  } else {
    (out[key] ??= []).push(String(value));
  }
}

/** Flattens the `errors` member of a problem document into `{field: [messages]}`. */
export function parseFieldErrors(errors: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!errors || typeof errors !== "object" || Array.isArray(errors)) return out;
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    const lifted = LOCATIONS.has(key) && value && typeof value === "object" && !Array.isArray(value);
    addMessages(out, lifted ? "" : key, value);
  }
  return out;
}

/** Reads a Retry-After header: delay in seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Builds an ApiError from a non-2xx response, whatever its body holds. */
export async function problemFromResponse(res: Response): Promise<ApiError> {
  let problem: Problem = {};
  const type = res.headers.get("Content-Type") ?? "";
  if (type.includes("json")) {
    try {
      const body: unknown = await res.json();
      if (body && typeof body === "object") problem = body as Problem;
    } catch {
      // An unreadable body still leaves the status to go by.
    }
  }
  return new ApiError({
    status: res.status,
    title: problem.title || res.statusText || `HTTP ${res.status}`,
    detail: typeof problem.detail === "string" ? problem.detail : null,
    type: problem.type ?? null,
    fieldErrors: parseFieldErrors(problem.errors),
    retryAfter: parseRetryAfter(res.headers.get("Retry-After")),
    problem: problem as Record<string, unknown>,
    requestId: res.headers.get("X-Request-ID") || null,
  });
}

/** The error used when fetch itself failed (offline, server down, aborted). */
export function networkError(cause: unknown): ApiError {
  const error = new ApiError({
    status: 0,
    title: "Network error",
    detail: cause instanceof Error ? cause.message : null,
  });
  return error;
}
