import { useEffect, useRef, useState } from "react";
import { useLocation } from "react-router-dom";

/** How long a page may take to draw its heading (lazy pages load their code first). */
const WAIT_MS = 5000;

/** Where focus may stay after a change of page: a field the page focused itself, a tab, or a dialog. */
function keepsFocus(element: Element | null): boolean {
  if (!element || element === document.body) return false;
  return (
    element.matches('input, textarea, select, [contenteditable], [role="tab"]') ||
    element.closest('[role="dialog"]') !== null
  );
}

/** Shown on the screen: Suspense keeps the previous page in the document, hidden, while the next one loads. */
function shown(element: HTMLElement): boolean {
  for (let node: HTMLElement | null = element; node; node = node.parentElement) {
    if (node.hidden || getComputedStyle(node).display === "none") return false;
  }
  return true;
}

/** The main heading of the page on the screen. */
function mainHeading(): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>("h1")].find(shown);
}

/**
 * After every change of page (not the first load), focus moves to the new page's main heading
 * (made focusable with tabIndex -1, without an outline) and the page's title is said by a polite
 * live region, so keyboard and screen reader users start on the new page rather than on the body
 * or on the link they used. A page that keeps its heading across paths (tabs in the address)
 * keeps focus where it is. Only the path counts: filters in the address keep focus where it is.
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  const lastHeading = useRef<HTMLElement | null>(null);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const started = performance.now();
    let frame = 0;
    let settled = 0;
    const find = () => {
      const heading = mainHeading();
      if (heading) {
        // One more frame so the page has set its document title too.
        if (settled++ < 1) {
          frame = requestAnimationFrame(find);
          return;
        }
        // A page that stays (its tabs change the address) keeps focus on the tab used.
        const samePage = heading === lastHeading.current;
        lastHeading.current = heading;
        if (!samePage && !keepsFocus(document.activeElement)) {
          if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
          heading.focus({ preventScroll: true });
        }
        setAnnouncement(document.title || heading.textContent || "");
        return;
      }
      if (performance.now() - started < WAIT_MS) frame = requestAnimationFrame(find);
    };
    frame = requestAnimationFrame(find);
    return () => cancelAnimationFrame(frame);
  }, [pathname]);

  return (
    <div className="page-announcer" aria-live="polite" aria-atomic="true">
      {announcement}
    </div>
  );
}
