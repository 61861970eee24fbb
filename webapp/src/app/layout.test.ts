import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The webapp's layout (docs/architecture.md, "Webapp"): a folder under src/features/ holds one
 * feature and imports no other feature, nor src/pages/ (pages combine features, so they sit above
 * them). What several features share lives in src/api/ (clients and query hooks) or src/app/.
 * Test files count too: a feature's tests use the shared helpers in src/test/, not another feature's.
 */
const src = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const features = join(src, "features");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** What a file (its path below src/, with "/") imports that the layout forbids. */
export function crossings(name: string, text: string): string[] {
  const parts = name.split("/");
  if (parts[0] !== "features") return [];
  const own = `features/${parts[1] ?? ""}`;
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.[^"']*)["']/g)].map((match) => match[1] ?? "");
  return specifiers.flatMap((specifier) => {
    const target = posix.normalize(posix.join(posix.dirname(name), specifier)).split("/");
    const reached = target[0] === "features" ? `features/${target[1] ?? ""}` : (target[0] ?? "");
    const forbidden = reached === "pages" || (reached.startsWith("features/") && reached !== own);
    return forbidden ? [`${name} imports ${specifier}`] : [];
  });
}

function violations(): string[] {
  return sourceFiles(features).flatMap((file) => {
    const name = relative(src, file).split(sep).join("/");
    return crossings(name, readFileSync(file, "utf8"));
  });
}

describe("webapp layout", () => {
  it("lets no feature import another feature or a page", () => {
    expect(violations()).toEqual([]);
  });

  it("finds the imports it is meant to forbid, and only those", () => {
    const text = [
      'import { paths } from "../blueprints/paths";',
      'import { RecordsPage } from "../../pages/RecordsPage";',
      'const Lazy = lazy(() => import("../../features/work/InboxPage"));',
      'import { useJob } from "../../app/components/useJob";',
      'import { values } from "./values";',
    ].join("\n");
    expect(crossings("features/flows/steps/Example.tsx", 'import { x } from "../../entities/values";')).toEqual([
      "features/flows/steps/Example.tsx imports ../../entities/values",
    ]);
    expect(crossings("features/entities/Example.tsx", text)).toEqual([
      "features/entities/Example.tsx imports ../blueprints/paths",
      "features/entities/Example.tsx imports ../../pages/RecordsPage",
      "features/entities/Example.tsx imports ../../features/work/InboxPage",
    ]);
    expect(crossings("pages/RecordsPage.tsx", text)).toEqual([]);
  });
});
