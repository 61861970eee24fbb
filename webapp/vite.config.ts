/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig, searchForWorkspaceRoot } from "vite";

// The Flask API listens on 127.0.0.1:5000 in development (`make run`);
// the dev server forwards /api there so the app and the API share one origin,
// which the refresh-token cookie (path /api/auth) relies on.
const apiTarget = process.env.LOOM_API_URL ?? "http://127.0.0.1:5000";

// bpmn/ at the top of the repository holds the BPMN extension descriptor (loom.json)
// and templates that the flow designer shares with the engine: imported from there, not copied.
const sharedBpmn = fileURLToPath(new URL("../bpmn", import.meta.url));

export default defineConfig({
  base: "/",
  plugins: [react()],
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
    sourcemap: true,
    emptyOutDir: true,
    // The flow designer's chunk (bpmn-js, its properties panel with CodeMirror, bpmnlint) is
    // about 1.7 MB and loads only with that page; every other chunk stays far below this.
    chunkSizeWarningLimit: 1800,
    rolldownOptions: {
      output: {
        // No forced vendor groups: each page's libraries load with it, and the first visit
        // downloads only what the entry chunk imports (scripts/bundle-budget.mjs checks its size).
        codeSplitting: {
          groups: [
            // The libraries the first page needs, in one file (not one request per module).
            { name: "vendor", test: /node_modules[\\/]/, tags: ["$initial"], priority: 1 },
            // And the app's own modules it needs, in one more (small shared modules would be a request each).
            { name: "app", tags: ["$initial"], priority: 0 },
            // dmn-js and what only it uses: loaded when someone opens a decision table, not with the designer.
            {
              name: "dmn",
              test: /node_modules[\\/](dmn-js[^\\/]*|dmn-moddle|@bpmn-io[\\/]dmn-variable-resolver|table-js|inferno[^\\/]*|selection-ranges|selection-update|dom-iterator|component-props|component-xor|escape-html)[\\/]/,
              priority: 2,
              // What dmn-js shares with bpmn-js (diagram-js, min-dash) stays in the bpmn chunk.
              includeDependenciesRecursively: false,
            },
            // Every other library (the flow designer's bpmn-js above all) in one chunk that
            // lazy pages load: split between the designer's and dmn's chunks, they imported each
            // other in a cycle that broke the decision table editor.
            { name: "bpmn", test: /node_modules[\\/]/, priority: 0 },
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
