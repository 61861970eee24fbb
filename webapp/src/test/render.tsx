import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router-dom";
import type { Meta } from "../api/types";
import { Providers } from "../app/App";
import { metaQuery } from "../app/meta";
import { createQueryClient } from "../app/queryClient";

export const testMeta: Meta = {
  environment: "development",
  support_email: "support@loom.test",
  sentry_dsn: null,
  dev_mailbox: true,
  languages: [
    { code: "en", name: "English" },
    { code: "de", name: "Deutsch" },
  ],
  timezones: ["UTC", "Europe/Berlin", "America/New_York"],
};

/** Renders routes inside the app's real providers, with /api/meta already loaded. */
export function renderRoutes(routes: RouteObject[], path: string, meta: Meta = testMeta) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  queryClient.setQueryData(metaQuery.queryKey, meta);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <Providers queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...result, router, queryClient };
}

export function renderPage(element: ReactElement, path = "/", pattern = "*") {
  return renderRoutes([{ path: pattern, element }], path);
}

/** A fetch Response with a JSON body. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const contentType = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": contentType, ...headers },
  });
}
