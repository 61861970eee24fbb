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
    sourcemap: true,
    emptyOutDir: true,
    // The bpmn chunk (bpmn-js, its properties panel with CodeMirror, bpmnlint) is about
    // 1.5 MB and loads only with the flow designer; every other chunk stays far below this.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 3 },
            { name: "mantine", test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-transition-group|react-number-format|react-textarea-autosize)/, priority: 2 },
            { name: "sentry", test: /node_modules[\\/]@sentry/, priority: 2 },
            // dmn-js and what only it uses: loaded when someone opens a decision table, not with the designer.
            {
              name: "dmn",
              test: /node_modules[\\/](dmn-js[^\\/]*|dmn-moddle|@bpmn-io[\\/]dmn-variable-resolver|table-js|inferno[^\\/]*|selection-ranges|selection-update|dom-iterator|component-props|component-xor|escape-html)[\\/]/,
              priority: 2,
              // What dmn-js shares with bpmn-js (diagram-js, min-dash) stays in the bpmn chunk.
              includeDependenciesRecursively: false,
            },
            // Only what the first page needs: libraries of lazy pages stay with them.
            { name: "vendor", test: /node_modules[\\/]/, tags: ["$initial"], priority: 1 },
            // The rest: the flow designer's bpmn-js, properties panel and bpmnlint, loaded with its page.
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
