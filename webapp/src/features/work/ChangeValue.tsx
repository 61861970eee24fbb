import { Box, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { ColumnType } from "../../api/types";
import { CellValue } from "../../app/records/CellValue";

/** A type for a value whose column is unknown (a system field, or one the version lacks). */
export function guessType(value: unknown): ColumnType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "decimal";
  if (Array.isArray(value)) return "choices";
  if (typeof value === "string") {
    if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(value)) return "datetime";
    if (/^\d{4}-\d\d-\d\d$/.test(value)) return "date";
  }
  return "text";
}

interface ChangeValueProps {
  value: unknown;
  /** The record's column for the field, when the page knows it. */
  column?: Pick<Column, "type" | "options">;
  timeZone: string;
}

/** A value before or after a change, shown as the records grid shows it (times in the tenant's zone). */
export function ChangeValue({ value, column, timeZone }: ChangeValueProps) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) {
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {t("work.history.emptyValue")}
      </Text>
    );
  }
  return (
    // A block: choices show as badges (divs).
    <Box fz="sm" display="inline-block">
      <CellValue type={column?.type ?? guessType(value)} value={value} options={column?.options} timeZone={timeZone} />
    </Box>
  );
}
