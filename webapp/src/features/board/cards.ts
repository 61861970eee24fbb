/** What a card shows of a record: its name and the first few filled-in columns, as people read them. */
import type { TFunction } from "i18next";
import type { Column } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import { cellText } from "../../app/records/cellText";
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

/** A stored value as text, as the grid writes it: local times, option labels, yes and no; decimals as stored. */
export function valueText(column: Column, value: unknown, timeZone: string, t: TFunction): string {
  if (column.type === "decimal") return String(value);
  return cellText(value, { type: column.type, options: column.options, timeZone, language: currentLanguage(), t });
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
