/**
 * The typed client for Loom's REST API.
 *
 * Every call is same-origin JSON. Authenticated calls carry the in-memory
 * access token; when it is about to expire, or the server answers 401, the
 * client refreshes it once (see session.ts) and retries the call once.
 * Errors are thrown as ApiError, read from the RFC 7807 problem document.
 */
import { ApiError, networkError, problemFromResponse } from "./errors";
import {
  accessTokenExpiresSoon,
  getSession,
  refreshSession,
  sessionSettled,
  setSessionUser,
} from "./session";

export { ApiError, parseFieldErrors, type FieldErrors } from "./errors";
export {
  clearSession,
  getSession,
  refreshSession,
  restoreSession,
  setSession,
  subscribeSession,
  type SessionState,
} from "./session";

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Sent as JSON; FormData goes as multipart/form-data (the browser sets the boundary). */
  body?: unknown;
  /** Added to the URL; null and undefined values are left out. */
  query?: Query;
  /** Send the access token (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes("?") ? "&" : "?"}${text}` : path;
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const form = typeof FormData !== "undefined" && options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? "GET",
      credentials: "same-origin",
      headers,
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError(error);
  }
}

async function read<T>(res: Response): Promise<T> {
  if (!res.ok) throw await problemFromResponse(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ status: res.status, title: "Unreadable response", detail: text.slice(0, 200) });
  }
}

/** Calls the API and returns the parsed JSON body, or throws an ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true;
  if (!auth) return read<T>(await send(path, options, null));

  await sessionSettled();
  if (accessTokenExpiresSoon()) {
    // Best effort: when the refresh fails, the call below meets a 401 and tells.
    await refreshSession(getSession().accessToken).catch(() => false);
  }
  const token = getSession().accessToken;
  let res = await send(path, options, token);
  if (res.status === 401) {
    const refreshed = await refreshSession(token).catch(() => false);
    if (refreshed) res = await send(path, options, getSession().accessToken);
  }
  try {
    return await read<T>(res);
  } catch (error) {
    if (error instanceof ApiError && error.problem.required_step === "two_factor_setup") requireTwoFactor();
    throw error;
  }
}

/** The server refuses everything until two-step sign-in is set up: let the app show the set-up. */
function requireTwoFactor(): void {
  const { user } = getSession();
  if (user?.two_factor && !user.two_factor.required) {
    setSessionUser({ ...user, two_factor: { ...user.two_factor, prompt: false, required: true } });
  }
}

/** Shorthands for `request`, one per HTTP method. */
export const api = {
  request,
  get<T>(path: string, options: Omit<RequestOptions, "method" | "body"> = {}): Promise<T> {
    return request<T>(path, { ...options, method: "GET" });
  },
  post<T>(path: string, body: unknown = {}, options: Omit<RequestOptions, "method" | "body"> = {}): Promise<T> {
    return request<T>(path, { ...options, method: "POST", body });
  },
  patch<T>(path: string, body: unknown, options: Omit<RequestOptions, "method" | "body"> = {}): Promise<T> {
    return request<T>(path, { ...options, method: "PATCH", body });
  },
  delete<T>(path: string, options: Omit<RequestOptions, "method" | "body"> = {}): Promise<T> {
    return request<T>(path, { ...options, method: "DELETE" });
  },
};
