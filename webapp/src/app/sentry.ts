/**
 * Error reporting. Sentry starts only when the server hands out a DSN in
 * /api/meta, so development and tests send nothing anywhere.
 *
 * @sentry/react (about 30 KB gzip) is downloaded once the page has painted and the
 * browser is idle, not with the first page. Errors before then are kept (up to
 * MAX_EARLY) and sent when it has started.
 */
import { Component, type ErrorInfo, type ReactNode } from "react";
import type { Meta } from "../api/types";
import { whenIdle } from "./idle";
import { scrubEvent } from "./sentryScrub";

type SentryModule = typeof import("./sentryClient");

const MAX_EARLY = 20;

let started = false;
let sentry: SentryModule | null = null;
const early: { error: unknown; componentStack?: string }[] = [];

function keep(error: unknown, componentStack?: string): void {
  if (early.length < MAX_EARLY) early.push({ error, componentStack });
}

const onError = (event: ErrorEvent) => keep(event.error ?? event.message);
const onRejection = (event: PromiseRejectionEvent) => keep(event.reason);

function capture(module: SentryModule, error: unknown, componentStack?: string): void {
  module.captureException(error, componentStack ? { contexts: { react: { componentStack } } } : undefined);
}

async function load(meta: Pick<Meta, "sentry_dsn" | "environment" | "release">): Promise<void> {
  const module = await import("./sentryClient");
  module.init({
    dsn: meta.sentry_dsn ?? undefined,
    environment: meta.environment,
    // The server's release (LOOM_SENTRY_RELEASE): the one the release's source maps were uploaded under.
    release: meta.release || undefined,
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
    // No address, token or key in any text of an event, wherever the code wrote it.
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => scrubEvent(crumb),
  });
  // Sentry's own global handlers take over from here.
  window.removeEventListener("error", onError);
  window.removeEventListener("unhandledrejection", onRejection);
  sentry = module;
  for (const { error, componentStack } of early.splice(0)) capture(module, error, componentStack);
}

export function initSentry(meta: Pick<Meta, "sentry_dsn" | "environment" | "release">): boolean {
  if (started || !meta.sentry_dsn) return started;
  started = true;
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onRejection);
  whenIdle(() => {
    load(meta).catch(() => {
      // Blocked by the network or a content blocker: the app works without reports.
      window.removeEventListener("error", onError);
      window.removeEventListener("unhandledrejection", onRejection);
      early.length = 0;
    });
  });
  return true;
}

export function reportError(error: unknown, componentStack?: string): void {
  if (sentry) capture(sentry, error, componentStack);
  else if (started) keep(error, componentStack);
}

interface BoundaryProps {
  fallback: ReactNode;
  children?: ReactNode;
}

/** Renders the fallback when a child fails to render, and reports the error (when Sentry runs). */
export class ErrorBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    reportError(error, info.componentStack ?? undefined);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
