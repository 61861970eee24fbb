/** What a card shows of a record: its name and the first few filled-in columns, as people read them. */
import type { TFunction } from "i18next";
import type { Column } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import { formatDate, formatDateTime, formatNumber } from "../../app/format";
import { currentLanguage } from "../../i18n";

/** Columns a card shows under the name: at most this many with a value. */
export const CARD_FIELDS = 3;
const SHOWN_TYPES = new Set(["text", "long_text", "email", "url", "phone", "integer", "decimal", "date", "datetime", "boolean", "choice", "choices"]);

/** The first text column with a value names the record (as the grid and the inbox do). */
export function titleColumn(columns: readonly Column[], entity: Entity): Column | null {
  return columns.find((column) => column.type === "text" && typeof entity.data[column.key] === "string" && String(entity.data[column.key]).trim()) ?? null;
}

export function cardTitle(columns: readonly Column[], entity: Entity, t: TFunction): string {
  const column = titleColumn(columns, entity);
  return column ? String(entity.data[column.key]).trim() : t("board.untitled", { id: entity.id.slice(0, 8) });
}

function optionLabel(column: Column, value: unknown): string {
  return column.options?.find((option) => option.value === value)?.label || String(value);
}

/** A stored value as text: local times, option labels, yes and no. */
export function valueText(column: Column, value: unknown, timeZone: string, t: TFunction): string {
  const language = currentLanguage();
  switch (column.type) {
    case "boolean":
      return value === true ? t("values.yes") : t("values.no");
    case "integer":
      return typeof value === "number" ? formatNumber(value, language) : String(value);
    case "date":
      return formatDate(String(value), language);
    case "datetime":
      return formatDateTime(String(value), timeZone, language);
    case "choice":
      return optionLabel(column, value);
    case "choices":
      return (Array.isArray(value) ? value : [value]).map((item) => optionLabel(column, item)).join(", ");
    default:
      return String(value);
  }
}

/** The columns under the card's name: filled in, not the name itself, not the column the board groups by. */
export function cardFields(columns: readonly Column[], entity: Entity, groupBy: string): Column[] {
  const title = titleColumn(columns, entity);
  return columns
    .filter((column) => column !== title && column.key !== groupBy && SHOWN_TYPES.has(column.type))
    .filter((column) => {
      const value = entity.data[column.key];
      return value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && !value.length);
    })
    .slice(0, CARD_FIELDS);
}
