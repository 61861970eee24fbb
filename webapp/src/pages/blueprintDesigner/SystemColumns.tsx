import { Code, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { RESERVED_KEYS } from "../../features/blueprints/columnKey";
import { HeaderRow } from "../../app/components/HeaderRow";

/** The columns Loom fills for every record, in the order the grid lists them. */
const SYSTEM_COLUMNS = [
  { key: "id", label: "records.id", type: "columnCheck.systemId" },
  { key: "created_at", label: "records.created", type: "columnCheck.systemCreated" },
  { key: "updated_at", label: "records.updated", type: "columnCheck.systemUpdated" },
] as const;

/** Read-only: the columns every record has, and why their names cannot be a column's key. */
export function SystemColumns() {
  const { t } = useTranslation();
  const shown = new Set<string>(SYSTEM_COLUMNS.map((column) => column.key));
  const others = [...RESERVED_KEYS].filter((key) => !shown.has(key));
  return (
    <Paper component="section" withBorder radius="md" p="sm" bg="var(--loom-surface)" aria-labelledby="system-columns-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="system-columns-title">
          {t("columnCheck.systemTitle")}
        </Title>
        <Table withRowBorders={false} verticalSpacing={2} fz="sm">
          <HeaderRow cells={[t("designer.columns.label"), t("designer.columns.key"), t("columnCheck.filledBy")]} />
          <Table.Tbody>
            {SYSTEM_COLUMNS.map((column) => (
              <Table.Tr key={column.key}>
                <Table.Td>{t(column.label)}</Table.Td>
                <Table.Td>
                  <Code>{column.key}</Code>
                </Table.Td>
                <Table.Td>{t(column.type)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">
          {t("columnCheck.systemExplained", { others: others.join(", ") })}
        </Text>
      </Stack>
    </Paper>
  );
}
