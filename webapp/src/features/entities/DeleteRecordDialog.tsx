import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../app/components/ProblemAlert";

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
    <Modal opened={opened} onClose={onClose} title={t("records.deleteTitle")} centered>
      <Stack gap="md">
        <Text size="sm">{t("records.deleteBody")}</Text>
        <ProblemAlert message={problem} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button color="red" onClick={onConfirm} loading={loading}>
            {t("records.deleteConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
