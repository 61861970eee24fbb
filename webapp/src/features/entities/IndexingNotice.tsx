import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Said above the grid while a page stopped early because a filtered or sorted column is still being indexed. */
export function IndexingNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" role="status" title={t("records.stillIndexing")}>
      <Text size="sm">{t("records.stillIndexingBody")}</Text>
    </Alert>
  );
}
