/** Runs `task` after the page has loaded and the browser is idle (within 3 s of load at the latest). */
export function whenIdle(task: () => void): void {
  const start = () => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(task, { timeout: 3000 });
    else setTimeout(task, 200);
  };
  if (typeof document === "undefined" || document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}
