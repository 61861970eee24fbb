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
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached.
        codeSplitting: {
          groups: [
            // The flow designer (bpmn-js and what it needs) loads only with the designer page.
            {
              name: "bpmn",
              test: /node_modules[\\/](bpmn-js|bpmn-js-[^\\/]+|bpmn-moddle|bpmnlint|bpmnlint-utils|diagram-js|diagram-js-[^\\/]+|moddle|moddle-xml|saxen|@bpmn-io|camunda-bpmn-[^\\/]+|zeebe-bpmn-moddle|@camunda|min-dash|min-dom|tiny-svg|didi|ids|hat|object-refs|path-intersection|inherits-browser|array-move|preact|@codemirror|@lezer|crelt|style-mod|w3c-keyname|focus-trap|tabbable|classnames|lodash|luxon|feelers|feelin|big\.js|@marijn)[\\/]/,
              priority: 4,
            },
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 3 },
            { name: "mantine", test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-transition-group|react-number-format|react-textarea-autosize)/, priority: 2 },
            { name: "sentry", test: /node_modules[\\/]@sentry/, priority: 2 },
            { name: "vendor", test: /node_modules[\\/]/, priority: 1 },
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
