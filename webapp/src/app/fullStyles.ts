/**
 * Mantine's complete styles (about 290 KB, 30 KB as Brotli), fetched with the first lazy page
 * instead of blocking the first paint: main.tsx imports only the few component styles the
 * shell and the sign-in pages draw, and every lazy page waits for these (lazyPage). Not
 * fetched earlier on a hunch: applying them costs the main thread tens of milliseconds.
 * The layer files put Mantine in `@layer mantine`, so the app's own rules win whatever the order.
 */
let loading: Promise<unknown> | null = null;

export function loadFullStyles(): Promise<unknown> {
  loading ??= import("./fullStyles.css");
  return loading;
}
