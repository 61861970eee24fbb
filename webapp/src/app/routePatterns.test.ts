import type { RouteObject } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { PAGES } from "../admin/AdminApp";
import adminSource from "../admin/AdminApp.tsx?raw";
import routesJson from "../../public/routes.json";
import { routes } from "./router";

/**
 * public/routes.json lists every address the webapp answers; the server (platform/runtime/spa.py)
 * reads it from the build to answer other addresses with 404. This keeps it equal to the routes.
 */
const listed: string[] = routesJson.patterns;

/** The back office's routes: written as <Route path="..."> in AdminApp.tsx, and its table of pages. */
function adminPatterns(): string[] {
  const written = [...adminSource.matchAll(/<Route (index|path="([^"]+)")/g)].map((match) => match[2] ?? "");
  const paths = [...written, ...PAGES.map(([path]) => path)];
  return paths.filter((path) => path !== "*").map((path) => (path ? `/admin/${path}` : "/admin"));
}

function flatten(list: RouteObject[], parent: string): string[] {
  return list.flatMap((route) => {
    const path = route.path === undefined ? parent : `${parent.replace(/\/$/, "")}/${route.path}`.replace(/^\/\//, "/");
    if (route.path === "*") return [];
    if (route.path === "admin/*") return adminPatterns();
    const own = route.index || (route.path !== undefined && !route.children) ? [path] : [];
    return [...own, ...flatten(route.children ?? [], path)];
  });
}

describe("routes.json", () => {
  it("lists exactly the webapp's routes", () => {
    const fromRouter = [...new Set(flatten(routes, ""))].sort();
    expect(fromRouter).toContain("/t/:slug/b/:key");
    expect(fromRouter).toContain("/admin/users/:id");
    expect([...listed].sort()).toEqual(fromRouter);
  });
});
