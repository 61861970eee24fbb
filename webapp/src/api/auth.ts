import { api, ApiError } from "./client";
import { clearSession, getSession, setSession, setSessionUser } from "./session";
import type { IdentityProof, TokenPayload, TwoFactorSetupStart, User } from "./types";

export interface Credentials {
  email: string;
  password: string;
}

/** A sign-in either ends with a session, or waits for the second step (a code). */
export type SignInResult = { step: "done"; user: User } | { step: "two-factor" };

type LoginAnswer = Partial<TokenPayload> & { tf_required?: boolean };

/** Answers the same whether or not the address already has an account (its owner gets an email). */
export function register(credentials: Credentials): Promise<unknown> {
  return api.post("/api/auth/register", credentials, { auth: false });
}

function signedIn(payload: TokenPayload): SignInResult {
  forgetPromptDismissal(payload.user);
  setSession(payload);
  return { step: "done", user: payload.user };
}

/**
 * Signs in and keeps the tokens; the server also sets the refresh cookie.
 * With two-step sign-in on, the server remembers the first step (in its
 * session cookie) and waits for `signInWithCode` or `signInWithRecoveryCode`.
 */
export async function login(credentials: Credentials): Promise<SignInResult> {
  const payload = await api.post<LoginAnswer>("/api/auth/login", credentials, { auth: false });
  if (payload.tf_required || !payload.access_token) return { step: "two-factor" };
  return signedIn(payload as TokenPayload);
}

/** The second step of a sign-in: the code the authenticator app shows. */
export async function signInWithCode(code: string): Promise<SignInResult> {
  return signedIn(await api.post<TokenPayload>("/api/auth/tf-validate", { code }, { auth: false }));
}

/** True when the app's code was right but used already (each works once): the next one will do. */
export function isCodeAlreadyUsed(error: unknown): boolean {
  return error instanceof ApiError && error.problem.reason === "code_used";
}

/** The second step of a sign-in with a recovery code instead (each works once). */
export async function signInWithRecoveryCode(code: string): Promise<SignInResult> {
  return signedIn(await api.post<TokenPayload>("/api/auth/mf-recovery", { code }, { auth: false }));
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

/** Reads the user again (after a change to their account) and shares it with the app. */
export async function reloadMe(): Promise<User> {
  const user = await getMe();
  setSessionUser(user);
  return user;
}

/**
 * Starts setting up an authenticator app: a new secret, not in force until a code proves it.
 * Moving it to a new phone (when it is on already) needs the proof that it is the owner.
 */
export function startTwoFactorSetup(proof: IdentityProof = {}): Promise<TwoFactorSetupStart> {
  return api.post("/api/auth/tf-setup", { setup: "authenticator", ...proof });
}

/**
 * Finishes the set-up with a code from the app; from then on every sign-in asks for one.
 * The first time, the answer has the recovery codes: shown this once.
 */
export async function confirmTwoFactorSetup(stateToken: string, code: string): Promise<string[]> {
  const answer = await api.post<{ recovery_codes?: string[] }>(`/api/auth/tf-setup/${encodeURIComponent(stateToken)}`, { code });
  await reloadMe();
  return answer.recovery_codes ?? [];
}

/** Turns two-step sign-in off; the recovery codes go with it. */
export async function disableTwoFactor(proof: IdentityProof): Promise<User> {
  await api.post("/api/auth/tf-setup", { setup: "disable", ...proof });
  return reloadMe();
}

/** Makes a new set of recovery codes; the old ones stop working. */
export async function newRecoveryCodes(proof: IdentityProof): Promise<string[]> {
  const answer = await api.post<{ recovery_codes: string[] }>("/api/auth/mf-recovery-codes", proof);
  return answer.recovery_codes;
}

const DISMISSED = "loom-two-factor-prompt-dismissed";

/** The suggestion to set up two-step sign-in comes back at every sign-in. */
function forgetPromptDismissal(user: User): void {
  try {
    localStorage.removeItem(`${DISMISSED}-${user.id}`);
  } catch {
    // Storage can be unavailable (private mode, some embeds); the prompt then shows again, which is fine.
  }
}

export function dismissTwoFactorPrompt(user: User): void {
  try {
    localStorage.setItem(`${DISMISSED}-${user.id}`, "1");
  } catch {
    // See forgetPromptDismissal.
  }
}

export function twoFactorPromptDismissed(user: User): boolean {
  try {
    return localStorage.getItem(`${DISMISSED}-${user.id}`) === "1";
  } catch {
    return false;
  }
}

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function requestPasswordReset(email: string): Promise<unknown> {
  return api.post("/api/auth/reset", { email }, { auth: false });
}

/** Sets a new password with the token from the emailed link (it works once). */
export function resetPassword(token: string, password: string): Promise<unknown> {
  return api.post(`/api/auth/reset/${encodeURIComponent(token)}`, { password }, { auth: false });
}

/** Changes the password; the server signs out every other session and hands this one new tokens. */
export async function changePassword(password: string, newPassword: string): Promise<void> {
  const answer = await api.post<Partial<TokenPayload>>("/api/auth/change", { password, new_password: newPassword });
  if (answer.access_token && answer.user) setSession(answer as TokenPayload);
}
