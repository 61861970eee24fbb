/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig, searchForWorkspaceRoot, type Plugin } from "vite";

// The Flask API listens on 127.0.0.1:5000 in development (`make run`);
// the dev server forwards /api there so the app and the API share one origin,
// which the refresh-token cookie (path /api/auth) relies on.
const apiTarget = process.env.LOOM_API_URL ?? "http://127.0.0.1:5000";

// bpmn/ at the top of the repository holds the BPMN extension descriptor (loom.json)
// and templates that the flow designer shares with the engine: imported from there, not copied.
const sharedBpmn = fileURLToPath(new URL("../bpmn", import.meta.url));

// Fails the build when chunks import each other in a circle (see codeSplitting below): one of
// them then runs before the modules it calls, which breaks at run time, not at build time.
function noChunkCycles(): Plugin {
  return {
    name: "loom-no-chunk-cycles",
    apply: "build",
    generateBundle(_options, bundle) {
      const imports = new Map<string, string[]>();
      for (const item of Object.values(bundle)) if (item.type === "chunk") imports.set(item.fileName, item.imports);
      const done = new Set<string>();
      const visit = (file: string, path: string[]): void => {
        if (path.includes(file)) this.error(`chunks import each other: ${[...path.slice(path.indexOf(file)), file].join(" -> ")}`);
        if (done.has(file)) return;
        for (const next of imports.get(file) ?? []) visit(next, [...path, file]);
        done.add(file);
      };
      for (const file of imports.keys()) visit(file, []);
    },
  };
}

export default defineConfig({
  base: "/",
  plugins: [react(), noChunkCycles()],
  server: {
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), sharedBpmn] },
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    manifest: true,
    // Source maps are written for Sentry (a release uploads them) but never linked from the code,
    // and the server does not serve them (runtime/spa.py).
    sourcemap: "hidden",
    emptyOutDir: true,
    // The flow designer's chunk (bpmn-js, its properties panel with CodeMirror, bpmnlint) is
    // about 1.5 MB and loads only with that page; every other chunk stays far below this.
    chunkSizeWarningLimit: 1800,
    rolldownOptions: {
      output: {
        // The first visit downloads the entry chunk and its imports (scripts/bundle-budget.mjs checks
        // them); other libraries load with the page that uses them, the diagram editors' only with the
        // flow designer. The editors' chunks import one way, dmn -> bpmn: bpmn holds bpmn-js and all it
        // uses, including what dmn-js shares with it (diagram-js, didi, min-dash, min-dom, tiny-svg,
        // preact); dmn holds dmn-js and what only it uses (the decision table editor opens inside the
        // designer, so bpmn is always loaded first). Each group takes its dependencies along: when
        // dmn's did not, the ones nobody else claimed (css.escape, diagram-js's auto-resize) landed in
        // the chunk that imports dmn-js, the dmn chunk imported them back, and in that cycle dmn-js
        // ran first ("r is not a function"). vendor and app come first so these groups never take
        // what the first page needs; noChunkCycles() fails the build on any cycle.
        codeSplitting: {
          groups: [
            // The libraries the first page needs, in one file (not one request per module).
            { name: "vendor", test: /node_modules[\\/]/, tags: ["$initial"], priority: 4 },
            // And the app's own modules it needs, in one more (small shared modules would be a request each).
            { name: "app", tags: ["$initial"], priority: 3 },
            // The flow designer's libraries: bpmn-js, its properties panel (CodeMirror), bpmnlint.
            {
              name: "bpmn",
              test: /node_modules[\\/](bpmn-js[^\\/]*|bpmn-moddle|bpmnlint|camunda-bpmn-moddle|zeebe-bpmn-moddle|diagram-js|@bpmn-io[\\/]properties-panel)[\\/]/,
              priority: 2,
            },
            // The decision table editor's: loaded when someone opens a decision table.
            { name: "dmn", test: /node_modules[\\/](dmn-js[^\\/]*|dmn-moddle)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    // Page-level tests type into large forms; jsdom on a busy CI machine is slow.
    testTimeout: 20_000,
  },
});
