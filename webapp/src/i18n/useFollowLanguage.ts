import { useEffect } from "react";
import i18n, { currentLanguage, lastWorkspaceLanguage, rememberWorkspaceLanguage, resolveLanguage, WORKSPACE_LANGUAGE_KEY } from "./index";

/**
 * Keeps the interface in the signed-in person's language (resolveLanguage): their choice, else the
 * workspace's (undefined outside a workspace or while it loads: the last one this tab showed
 * counts, also after a reload), else
 * this browser's.
 */
export function useFollowLanguage(choice: string | null | undefined, workspace: string | null | undefined): void {
  useEffect(() => {
    if (workspace) rememberWorkspaceLanguage(workspace);
    const target = resolveLanguage(choice, workspace ?? lastWorkspaceLanguage());
    if (target !== currentLanguage()) void i18n.changeLanguage(target);
  }, [choice, workspace]);
}

/** For tests: forget the workspace seen last. */
export function resetFollowedWorkspace(): void {
  sessionStorage.removeItem(WORKSPACE_LANGUAGE_KEY);
}
