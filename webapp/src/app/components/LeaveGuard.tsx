import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router-dom";
import { ConfirmDialog } from "./ConfirmDialog";

/**
 * Asks before leaving a page with unsaved changes for another page of the app; staying has the
 * focus. `shouldBlock` is read at the moment of leaving, so a page can let itself go (after
 * deleting what it edits, say) without a render in between.
 */
export function LeaveGuard({ shouldBlock }: { shouldBlock: () => boolean }) {
  const { t } = useTranslation();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && shouldBlock());
  return (
    <ConfirmDialog
      opened={blocker.state === "blocked"}
      title={t("common.leaveTitle")}
      body={t("common.leaveBody")}
      cancelLabel={t("common.stay")}
      confirmLabel={t("common.leave")}
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
      danger
    />
  );
}
