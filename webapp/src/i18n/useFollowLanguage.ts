import { useEffect } from "react";
import i18n, { currentLanguage, resolveLanguage } from "./index";

/** The language of the workspace seen last in this tab: pages outside a workspace keep it. */
let lastWorkspaceLanguage: string | null = null;

/**
 * Keeps the interface in the signed-in person's language (resolveLanguage): their choice, else the
 * workspace's (undefined outside a workspace or while it loads: the last one seen counts), else
 * this browser's.
 */
export function useFollowLanguage(choice: string | null | undefined, workspace: string | null | undefined): void {
  useEffect(() => {
    if (workspace) lastWorkspaceLanguage = workspace;
    const target = resolveLanguage(choice, workspace ?? lastWorkspaceLanguage);
    if (target !== currentLanguage()) void i18n.changeLanguage(target);
  }, [choice, workspace]);
}

/** For tests: forget the workspace seen last. */
export function resetFollowedWorkspace(): void {
  lastWorkspaceLanguage = null;
}
