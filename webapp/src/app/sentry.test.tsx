import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

// @sentry/react itself, through the one module that names what the app uses of it.
const sentry = vi.hoisted(() => ({ init: vi.fn(), captureException: vi.fn() }));
vi.mock("./sentryClient", () => sentry);

type SentryModule = typeof import("./sentry");
let module: SentryModule;

beforeEach(async () => {
  vi.resetModules();
  sentry.init.mockReset();
  sentry.captureException.mockReset();
  module = await import("./sentry");
});

describe("error reporting", () => {
  it("loads nothing without a DSN", async () => {
    expect(module.initSentry({ sentry_dsn: null, environment: "development" })).toBe(false);
    module.reportError(new Error("lost"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentry.init).not.toHaveBeenCalled();
    expect(sentry.captureException).not.toHaveBeenCalled();
  });

  it("starts Sentry after the first paint and sends the errors from before", async () => {
    expect(module.initSentry({ sentry_dsn: "https://key@sentry.example/1", environment: "production", release: "loom@2026.12.1" })).toBe(true);
    const early = new Error("before Sentry");
    module.reportError(early, "in <Page>");
    expect(sentry.captureException).not.toHaveBeenCalled();

    await vi.waitFor(() => expect(sentry.init).toHaveBeenCalledTimes(1));
    expect(sentry.init).toHaveBeenCalledWith(
      expect.objectContaining({ dsn: "https://key@sentry.example/1", environment: "production", release: "loom@2026.12.1" }),
    );
    expect(sentry.captureException).toHaveBeenCalledWith(early, { contexts: { react: { componentStack: "in <Page>" } } });

    const later = new Error("after");
    module.reportError(later);
    expect(sentry.captureException).toHaveBeenLastCalledWith(later, undefined);
  });

  it("shows the fallback when a page fails to render", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    function Broken(): never {
      throw new Error("render failed");
    }
    render(
      <module.ErrorBoundary fallback={<p>Something went wrong</p>}>
        <Broken />
      </module.ErrorBoundary>,
    );
    expect(screen.getByText("Something went wrong")).toBeInTheDocument();
  });
});
