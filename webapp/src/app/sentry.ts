/**
 * Error reporting. Sentry starts only when the server hands out a DSN in
 * /api/meta, so development and tests send nothing anywhere.
 */
import * as Sentry from "@sentry/react";
import type { Meta } from "../api/types";

let started = false;

export function initSentry(meta: Pick<Meta, "sentry_dsn" | "environment">): boolean {
  if (started || !meta.sentry_dsn) return started;
  Sentry.init({
    dsn: meta.sentry_dsn,
    environment: meta.environment,
    release: import.meta.env.VITE_LOOM_RELEASE || undefined,
    // Reports carry the error and the page, not who the user is: no user
    // details, cookies, headers (the access token) or bodies, and no email
    // address from the check-email page's URL.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: { deny: ["email"] },
    },
  });
  started = true;
  return true;
}

export function reportError(error: unknown): void {
  Sentry.captureException(error);
}

/** Sentry's boundary: renders the fallback and reports the error (when Sentry runs). */
export const ErrorBoundary = Sentry.ErrorBoundary;
