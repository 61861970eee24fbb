import { api } from "./client";
import { clearSession, getSession, setSession } from "./session";
import type { TokenPayload, User } from "./types";

export interface Credentials {
  email: string;
  password: string;
}

export function register(credentials: Credentials): Promise<{ user: User }> {
  return api.post("/api/auth/register", credentials, { auth: false });
}

/** Signs in and keeps the tokens; the server also sets the refresh cookie. */
export async function login(credentials: Credentials): Promise<User> {
  const payload = await api.post<TokenPayload>("/api/auth/login", credentials, { auth: false });
  setSession(payload);
  return payload.user;
}

/** Signs out here and in the other tabs, even if the server could not be told. */
export async function logout(): Promise<void> {
  try {
    if (getSession().accessToken) await api.post("/api/auth/logout", {});
  } finally {
    clearSession("logout");
  }
}

/** Sends the confirmation email again. */
export function resendConfirmation(email: string): Promise<unknown> {
  return api.post("/api/auth/confirm", { email }, { auth: false });
}

export function getMe(): Promise<User> {
  return api.get("/api/auth/me");
}
