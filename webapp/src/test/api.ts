import { vi } from "vitest";
import { jsonResponse } from "./render";

export type Handler = (request: { url: URL; method: string; body: unknown }) => Response | Promise<Response>;

/** A JSON body parsed; FormData (multipart uploads) as it was sent. */
function bodyOf(init?: RequestInit): unknown {
  if (typeof init?.body === "string") return JSON.parse(init.body) as unknown;
  return init?.body instanceof FormData ? init.body : undefined;
}

/**
 * Stubs fetch with a small router: keys are "METHOD /path" (no query string),
 * values are a handler or a JSON body answered with 200. Anything else gets a 404
 * problem document, as the server sends for what the caller may not see.
 */
export function mockApi(routes: Record<string, Handler | object>) {
  const fetchMock = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, "http://loom.test");
    const method = init?.method ?? "GET";
    const body = bodyOf(init);
    const route = routes[`${method} ${url.pathname}`];
    if (typeof route === "function") return (route as Handler)({ url, method, body });
    if (route !== undefined) return jsonResponse(200, route);
    return jsonResponse(404, { title: "Not Found", status: 404 });
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** The calls fetch received for a method and path, with their parsed URL and body. */
export function callsTo(fetchMock: ReturnType<typeof mockApi>, method: string, path: string) {
  return fetchMock.mock.calls
    .map(([input, init]) => ({
      url: new URL(input as string, "http://loom.test"),
      method: (init as RequestInit | undefined)?.method ?? "GET",
      body: bodyOf(init as RequestInit | undefined) as any,
    }))
    .filter((call) => call.method === method && call.url.pathname === path);
}
