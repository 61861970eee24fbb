import { lazy, Suspense, type ComponentType, type ReactElement } from "react";
import { PageLoader } from "./components/PageLoader";
import { loadFullStyles } from "./fullStyles";

const loaders: (() => Promise<unknown>)[] = [];

/**
 * A page downloaded when it is first shown: each feature is its own chunk, so the first
 * visit downloads only the shell and the page it opens. The page waits for the complete
 * Mantine styles too (the first paint has only the ones its shell needs; see main.tsx).
 * `preload: false` leaves it out of preloadPages() (the flow designer and the back office,
 * whose tests load them themselves).
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
  { fullHeight = false, preload = true }: { fullHeight?: boolean; preload?: boolean } = {},
): ReactElement {
  if (preload) loaders.push(load);
  const Page = lazy(async (): Promise<{ default: ComponentType }> => {
    const [module] = await Promise.all([load(), loadFullStyles()]);
    return { default: module[name] };
  });
  return (
    <Suspense fallback={<PageLoader fullHeight={fullHeight} />}>
      <Page />
    </Suspense>
  );
}

/** Loads every lazy page made so far (tests: the first render of a page then waits for nothing). */
export function preloadPages(): Promise<unknown> {
  return Promise.all([...loaders.map((load) => load()), loadFullStyles()]);
}
