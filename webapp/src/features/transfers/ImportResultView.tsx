import { Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { ImportResult } from "../../api/transfers";
import { countText } from "../../app/components/count";
import { rowMessages } from "./mapping";

/** The rows shown of those that were not imported. */
export const MAX_ERROR_ROWS = 100;

/** "N records created" and, when some rows failed, which and why. */
export function ImportResultView({ result, columns }: { result: ImportResult; columns: Column[] }) {
  const { t } = useTranslation();
  const errors = (result.errors ?? []).slice(0, MAX_ERROR_ROWS);
  return (
    <Stack gap="xs">
      <Text size="sm">{countText(t, "transfers.created", result.created)}</Text>
      {result.failed > 0 && (
        <>
          <Text size="sm" c="red" fw={600}>
            {countText(t, "transfers.failed", result.failed)}
          </Text>
          {errors.length > 0 && (
            <Table.ScrollContainer minWidth={360} mah={280}>
              <Table verticalSpacing={4} fz="sm" withTableBorder>
                <Table.Caption>
                  {result.failed > errors.length ? t("transfers.firstErrors", { shown: errors.length }) : t("transfers.errorsCaption")}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("transfers.line")}</Table.Th>
                    <Table.Th scope="col">{t("transfers.messages")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {errors.map((row) => (
                    <Table.Tr key={row.line}>
                      <Table.Td>{row.line}</Table.Td>
                      <Table.Td>{rowMessages(row.errors, columns)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
