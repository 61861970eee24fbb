import { useEffect, useRef, type RefObject } from "react";

/**
 * While a designer holds unsaved changes, the browser asks before the tab is closed or reloaded.
 * The answer always holds the latest `dirty`, for a LeaveGuard that reads it at the moment of leaving.
 */
export function useUnsavedChanges(dirty: boolean): RefObject<boolean> {
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  return dirtyNow;
}
