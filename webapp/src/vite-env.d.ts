/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Release name reported to Sentry, set by the build pipeline. */
  readonly VITE_LOOM_RELEASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
