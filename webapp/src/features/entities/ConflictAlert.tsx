import { useTranslation } from "react-i18next";
import { ConflictAlert as SaveConflict } from "../../app/records/ConflictAlert";

/** Shown when a save met a newer version of the record (409). */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return <SaveConflict message={t("records.conflict")} action={t("records.reload")} onReload={onReload} />;
}
