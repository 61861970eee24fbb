import type { TFunction } from "i18next";
import type { ColumnOption } from "../../api/blueprints";
import { getSession } from "../../api/client";
import type { ColumnType } from "../../api/types";
import { formatDate, formatDateTime, formatNumber } from "../format";
import { formatDecimal } from "./decimal";

export interface CellFormat {
  type: ColumnType;
  options?: ColumnOption[];
  timeZone: string;
  language: string;
  t: TFunction;
}

/** A choice's label, or its stored value when the blueprint no longer has it. */
export const optionLabel = (value: string, options?: ColumnOption[]) =>
  options?.find((candidate) => candidate.value === value)?.label || value;

/**
 * A stored value as the grid shows it, in words: local times, grouped digits,
 * choice labels. Empty values give "". Used by the grid and wherever records
 * are described in a line (the migration preview).
 */
export function cellText(value: unknown, { type, options, timeZone, language, t }: CellFormat): string {
  if (value === null || value === undefined || value === "") return "";
  switch (type) {
    case "boolean":
      return value === true ? t("values.yes") : t("values.no");
    case "integer":
      return typeof value === "number" ? formatNumber(value, language) : String(value);
    case "decimal":
      return formatDecimal(String(value), language);
    case "date":
      return formatDate(String(value), language);
    case "datetime":
      return formatDateTime(String(value), timeZone, language);
    case "choice":
      return optionLabel(String(value), options);
    case "choices":
      return (Array.isArray(value) ? value : [value]).map((item) => optionLabel(String(item), options)).join(", ");
    case "user": {
      const me = getSession().user;
      return me && String(me.id) === String(value) ? t("values.me", { email: me.email }) : t("values.member", { id: String(value) });
    }
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}
