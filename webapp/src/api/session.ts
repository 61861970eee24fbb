/**
 * The signed-in session: the access token lives here, in memory only.
 *
 * The refresh token is an httpOnly cookie the browser sends to /api/auth.
 * The server rotates it on every refresh and revokes the whole chain when
 * an old one is used twice, so refreshing must happen one request at a time:
 * single-flight inside a tab, serialized across tabs with the Web Locks API,
 * and the fresh access token is handed to the other tabs over a
 * BroadcastChannel so that they need not refresh again.
 */
import { problemFromResponse } from "./errors";
import { parseInstant } from "./time";
import type { TokenPayload, User } from "./types";

export type SessionStatus = "unknown" | "signed-in" | "signed-out";
/** Why the session ended: the user signed out, the server no longer knows it, or the account was deleted. */
export type SignOutReason = "logout" | "expired" | "deleted" | null;

export interface SessionState {
  status: SessionStatus;
  user: User | null;
  accessToken: string | null;
  /** When the access token expires, on this browser's clock (ms). */
  expiresAt: number | null;
  /** When the access token was received (ms). */
  receivedAt: number | null;
  reason: SignOutReason;
}

type SessionMessage =
  | { type: "session"; user: User; accessToken: string; expiresAt: number | null; receivedAt: number }
  | { type: "signed-out" };

export const REFRESH_LOCK = "loom-refresh";
export const AUTH_CHANNEL = "loom-auth";
export const REFRESH_PATH = "/api/auth/refresh";
/**
 * A cookie the server sets beside the httpOnly refresh cookie and clears with it
 * (runtime/auth/hint.py). It holds no secret; it only says that a refresh may succeed,
 * so a visitor who never signed in makes no refresh call at all.
 */
export const SIGNED_IN_HINT = "loom_signed_in";

const SIGNED_OUT: SessionState = {
  status: "signed-out",
  user: null,
  accessToken: null,
  expiresAt: null,
  receivedAt: null,
  reason: null,
};

let state: SessionState = { ...SIGNED_OUT, status: "unknown" };
const listeners = new Set<() => void>();
let channel: BroadcastChannel | null | undefined;
let inflight: Promise<boolean> | null = null;
let restoring: Promise<void> | null = null;

export function getSession(): SessionState {
  return state;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(next: SessionState): void {
  state = next;
  for (const listener of [...listeners]) listener();
}

function getChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  if (typeof BroadcastChannel === "undefined") return (channel = null);
  channel = new BroadcastChannel(AUTH_CHANNEL);
  channel.onmessage = (event: MessageEvent<SessionMessage>) => receive(event.data);
  return channel;
}

function post(message: SessionMessage): void {
  try {
    getChannel()?.postMessage(message);
  } catch {
    // A closed channel only costs the other tabs one extra refresh.
  }
}

function receive(message: SessionMessage | undefined): void {
  if (!message || typeof message !== "object") return;
  if (message.type === "session") {
    update({
      status: "signed-in",
      user: message.user,
      accessToken: message.accessToken,
      expiresAt: message.expiresAt,
      receivedAt: message.receivedAt,
      reason: null,
    });
  } else if (message.type === "signed-out") {
    update({ ...SIGNED_OUT, reason: "logout" });
  }
}

/**
 * Stores a token payload from login or refresh and shares it with the other tabs.
 * `serverDate` (the response's Date header) corrects for a skewed local clock.
 */
export function setSession(payload: TokenPayload, serverDate?: string | null): void {
  const now = Date.now();
  const serverNow = serverDate ? Date.parse(serverDate) : NaN;
  const skew = Number.isNaN(serverNow) ? 0 : serverNow - now;
  const expiry = parseInstant(payload.access_expires_at);
  const expiresAt = expiry === null ? null : expiry - skew;
  update({
    status: "signed-in",
    user: payload.user,
    accessToken: payload.access_token,
    expiresAt,
    receivedAt: now,
    reason: null,
  });
  post({ type: "session", user: payload.user, accessToken: payload.access_token, expiresAt, receivedAt: now });
}

/** Forgets the session here; after a deliberate sign-out the other tabs forget it too. */
export function clearSession(reason: Exclude<SignOutReason, null>): void {
  update({ ...SIGNED_OUT, reason });
  if (reason !== "expired") post({ type: "signed-out" });
}

/** Replaces the cached user (after the profile changed), keeping the tokens. */
export function setSessionUser(user: User): void {
  if (state.status === "signed-in") update({ ...state, user });
}

/**
 * True when the access token is about to expire and should be refreshed before use.
 * The margin is 30 s, or a quarter of the token's lifetime when that is shorter,
 * so a short-lived token is not refreshed on every call.
 */
export function accessTokenExpiresSoon(now: number = Date.now()): boolean {
  const { accessToken, expiresAt, receivedAt } = state;
  if (!accessToken || expiresAt === null || receivedAt === null) return false;
  const lifetime = expiresAt - receivedAt;
  if (lifetime <= 0) return false;
  return expiresAt - now < Math.min(30_000, lifetime / 4);
}

function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (locks && typeof locks.request === "function") {
    return locks.request(REFRESH_LOCK, task) as Promise<T>;
  }
  return task();
}

async function refreshNow(staleToken: string | null): Promise<boolean> {
  // While this tab waited for the lock, another tab may have refreshed and
  // broadcast a new token: then there is nothing left to do.
  if (state.accessToken && state.accessToken !== staleToken && !accessTokenExpiresSoon()) {
    return true;
  }
  const before = state.accessToken;
  const res = await fetch(REFRESH_PATH, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: "{}",
  });
  if (res.status === 401) {
    // A sign-in that finished meanwhile (here or in another tab) wins over
    // this older answer: only forget the token this refresh was meant to replace.
    if (state.accessToken !== before) return state.accessToken !== null;
    clearSession("expired");
    return false;
  }
  if (!res.ok) throw await problemFromResponse(res);
  setSession((await res.json()) as TokenPayload, res.headers.get("Date"));
  return true;
}

/** True when the server's signed-in hint cookie is present (see SIGNED_IN_HINT). */
export function hasSignedInHint(): boolean {
  if (typeof document === "undefined") return false;
  return document.cookie.split(";").some((part) => part.trim().startsWith(`${SIGNED_IN_HINT}=`));
}

/**
 * Gets a new access token from the refresh cookie, once: concurrent callers
 * share one request. `staleToken` is the token a caller saw rejected; when the
 * session already holds a different one, no new refresh is made.
 * Resolves to true when a usable access token is in place.
 */
export function refreshSession(staleToken: string | null = state.accessToken): Promise<boolean> {
  if (state.accessToken && state.accessToken !== staleToken && !accessTokenExpiresSoon()) {
    return Promise.resolve(true);
  }
  if (!state.accessToken && !inflight && !hasSignedInHint()) {
    // No session here and no refresh cookie to ask with: nothing to refresh.
    if (state.status === "unknown") update({ ...SIGNED_OUT });
    return Promise.resolve(false);
  }
  inflight ??= withRefreshLock(() => refreshNow(staleToken)).finally(() => {
    inflight = null;
  });
  return inflight;
}

/**
 * At app start: restores the session from the refresh cookie, once per page load
 * (without a request when the signed-in hint is absent).
 */
export function restoreSession(): Promise<void> {
  getChannel();
  restoring ??= refreshSession(null).then(
    () => undefined,
    () => {
      if (state.status === "unknown") update({ ...SIGNED_OUT });
    },
  );
  return restoring;
}

/** Resolves once the start-up restore (if one is running) has settled. */
export function sessionSettled(): Promise<void> {
  return state.status === "unknown" && restoring ? restoring : Promise.resolve();
}
