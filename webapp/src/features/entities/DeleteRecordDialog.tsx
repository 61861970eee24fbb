import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";

interface DeleteRecordDialogProps {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  loading?: boolean;
  problem?: string | null;
}

/** Asks before a record goes to the Trash (restorable for 30 days); Cancel has the focus. */
export function DeleteRecordDialog({ opened, onClose, onConfirm, loading, problem }: DeleteRecordDialogProps) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      opened={opened}
      title={t("records.deleteTitle")}
      body={t("records.deleteBody")}
      confirmLabel={t("records.deleteConfirm")}
      onConfirm={onConfirm}
      onClose={onClose}
      loading={loading}
      problem={problem}
      danger
    />
  );
}
