import { safeNext } from "../../app/validation";

/**
 * Where to go after the first sign-in that follows signing up. The confirmation link in the
 * email opens the sign-in page without the page the person came from (an invitation), so the
 * sign-up page leaves it here, in this browser, for the sign-in page to pick up once.
 */
const KEY = "loom.returnTo";

export function rememberReturn(next: string | null): void {
  try {
    if (next && safeNext(next) !== "/") localStorage.setItem(KEY, safeNext(next));
  } catch {
    // Storage is off: the person lands on their workspaces instead.
  }
}

export function takeReturn(): string | null {
  try {
    const next = localStorage.getItem(KEY);
    localStorage.removeItem(KEY);
    return next;
  } catch {
    return null;
  }
}
