import { Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { InstanceMigrationResult } from "../../../api/flows";
import { HeaderRow } from "../../../app/components/HeaderRow";
import { movedText } from "../../../app/records/movedText";
import { RecordLink } from "./RecordLink";

const MAX_ROWS = 200;

/** The end of a move: how many records moved, and for each whether it did and why not. */
export function MoveReport({ slug, result }: { slug: string; result: InstanceMigrationResult }) {
  const { t } = useTranslation();
  const items = (result.items ?? []).slice(0, MAX_ROWS);
  return (
    <Stack gap="xs">
      <Text size="sm">{movedText(t, "flows.move.result", result)}</Text>
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={480} mah={300}>
          <Table verticalSpacing={4}>
            <Table.Caption>{t("flows.move.reportCaption")}</Table.Caption>
            <HeaderRow cells={[t("flows.move.recordHeader"), t("flows.move.outcomeHeader")]} />
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.instance_id}>
                  <Table.Td>
                    <RecordLink slug={slug} id={item.entity_id} title={null} />
                  </Table.Td>
                  <Table.Td>
                    {item.ok ? (
                      <Text size="sm">{t("flows.move.moved")}</Text>
                    ) : (
                      <Text size="sm" c="red">
                        {t("flows.move.notMoved", { reason: item.reason || t("flows.move.noReason") })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
