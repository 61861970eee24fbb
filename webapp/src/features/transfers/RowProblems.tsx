import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { ImportRowError } from "../../api/transfers";
import { rowProblems } from "./mapping";
import { HeaderRow } from "../../app/components/HeaderRow";

/** The rows shown of those that have problems. */
export const MAX_ERROR_ROWS = 100;

/** Refused rows as a table: row number, column and reason, one line per problem. */
export function RowProblems({ rows, failed, columns }: { rows: ImportRowError[]; failed: number; columns: Column[] }) {
  const { t } = useTranslation();
  const shown = rows.slice(0, MAX_ERROR_ROWS);
  if (shown.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={420} mah={280}>
      <Table verticalSpacing={4} fz="sm" withTableBorder>
        <Table.Caption>{failed > shown.length ? t("transfers.firstProblems", { shown: shown.length }) : t("transfers.problemsCaption")}</Table.Caption>
        <HeaderRow cells={[t("transfers.line"), t("transfers.column"), t("transfers.reason")]} />
        <Table.Tbody>
          {rowProblems(shown, columns).map((problem, index) => (
            <Table.Tr key={`${problem.line}:${index}`}>
              <Table.Td>{problem.line}</Table.Td>
              <Table.Td>{problem.column}</Table.Td>
              <Table.Td>{problem.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
