import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { ImportCheck } from "../../api/transfers";
import { countText } from "../../app/components/count";
import { RowProblems } from "./RowProblems";

interface CheckReportProps {
  check: ImportCheck;
  columns: Column[];
  importing: boolean;
  onImport: () => void;
  onBack: () => void;
  onCancel: () => void;
}

/** What the check of every row found, before anything is written: then import the valid rows, or not. */
export function CheckReport({ check, columns, importing, onImport, onBack, onCancel }: CheckReportProps) {
  const { t } = useTranslation();
  const tone = check.valid === 0 ? "red" : check.failed > 0 ? "yellow" : "green";
  return (
    <Stack gap="sm">
      <Alert
        color={tone}
        variant="light"
        role="status"
        data-tone={tone}
        title={countText(t, "transfers.valid", check.valid)}
        styles={{ title: { color: "var(--mantine-color-text)" } }}
      >
        {check.failed > 0 && <Text size="sm">{countText(t, "transfers.invalid", check.failed)}</Text>}
        {check.valid === 0 && <Text size="sm">{t("transfers.noneValid")}</Text>}
      </Alert>
      <RowProblems rows={check.errors ?? []} failed={check.failed} columns={columns} />
      <Group justify="space-between">
        <Button variant="subtle" onClick={onBack}>
          {t("transfers.back")}
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          {check.valid > 0 && (
            <Button onClick={onImport} loading={importing}>
              {countText(t, "transfers.importValid", check.valid)}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
