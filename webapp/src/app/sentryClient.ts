// What the app uses of @sentry/react, imported by name so the build drops the rest (replay,
// feedback ...): sentry.ts loads this module with import() after the first paint.
export { captureException, init } from "@sentry/react";
