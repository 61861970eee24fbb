import { Alert, Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Shown when a save met a newer version of the record (409). */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" role="alert">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">{t("records.conflict")}</Text>
        <Button size="xs" variant="white" color="dark" onClick={onReload}>
          {t("records.reload")}
        </Button>
      </Group>
    </Alert>
  );
}
