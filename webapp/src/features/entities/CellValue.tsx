import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ColumnOption } from "../../api/blueprints";
import { getSession } from "../../api/client";
import type { ColumnType } from "../../api/types";
import { currentLanguage } from "../../i18n";
import { formatDecimal } from "./decimal";
import { formatDate, formatDateTime, formatNumber } from "../../app/format";

interface CellValueProps {
  type: ColumnType;
  value: unknown;
  options?: ColumnOption[];
  timeZone: string;
}

function OptionBadge({ value, options }: { value: string; options?: ColumnOption[] }) {
  const option = options?.find((candidate) => candidate.value === value);
  return (
    <Badge variant="light" color={option?.color || "gray"} radius="sm" tt="none">
      {option?.label || value}
    </Badge>
  );
}

/** A stored value as people read it: local times, grouped digits, coloured choices. */
export function CellValue({ type, value, options, timeZone }: CellValueProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (value === null || value === undefined || value === "") return null;
  switch (type) {
    case "boolean":
      return <>{value === true ? t("values.yes") : t("values.no")}</>;
    case "integer":
      return <>{typeof value === "number" ? formatNumber(value, language) : String(value)}</>;
    case "decimal":
      return <>{formatDecimal(String(value), language)}</>;
    case "date":
      return <>{formatDate(String(value), language)}</>;
    case "datetime":
      return <>{formatDateTime(String(value), timeZone, language)}</>;
    case "choice":
      return <OptionBadge value={String(value)} options={options} />;
    case "choices":
      return (
        <Group gap={4} wrap="nowrap">
          {(Array.isArray(value) ? value : [value]).map((item) => (
            <OptionBadge key={String(item)} value={String(item)} options={options} />
          ))}
        </Group>
      );
    case "reference":
      return <>{String(value).slice(0, 8)}</>;
    case "user": {
      const me = getSession().user;
      return <>{me && String(me.id) === String(value) ? t("values.me", { email: me.email }) : t("values.member", { id: String(value) })}</>;
    }
    default:
      return <>{String(value)}</>;
  }
}
