import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getSession, setSessionUser } from "../api/session";
import { accountSettingsKey, updateAccountSettings } from "../api/taskNotices";
import type { UiLanguage } from "../i18n";

/**
 * Saves the signed-in person's language to their account (null: no choice, follow the workspace
 * or the browser); the session's user gets it too, so the interface follows (useFollowLanguage).
 * `onSaved` runs even when the page re-mounted meanwhile (switching language may suspend it).
 */
export function useSaveLanguage(onSaved?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: UiLanguage | null) => updateAccountSettings({ language }),
    onSuccess: (answer) => {
      queryClient.setQueryData(accountSettingsKey, answer);
      const { user } = getSession();
      if (user) setSessionUser({ ...user, language: answer.language });
      onSaved?.();
    },
  });
}
