/** How tall the diagram editor is, so that all of it fits in the window (nothing below the fold). */

/** The smallest height worth drawing in, in pixels. */
export const MIN_HEIGHT = 420;

/**
 * The rest of the window below where the editor starts (``top``, from the top of the page) when that
 * leaves room to draw; else the window below the app's header, so that scrolling down to the editor
 * shows all of it.
 */
export function designerHeight(windowHeight: number, top: number, headerHeight = 60, margin = 16): number {
  const below = Math.floor(windowHeight - top - margin);
  if (below >= MIN_HEIGHT) return below;
  return Math.max(MIN_HEIGHT, Math.floor(windowHeight - headerHeight - 2 * margin));
}
