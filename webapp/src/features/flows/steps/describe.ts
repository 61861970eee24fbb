/** Plain-word summaries of a table's cells ("Started at ← now"). */
import type { TFunction } from "i18next";
import type { Column } from "../../../api/blueprints";
import type { DurationValue, Operand, StepsUpdate, StepsValue, StepsWho } from "../../../api/flowSteps";
import type { Member } from "../../../api/members";

export interface Names {
  columns: readonly Column[];
  members: readonly Member[];
  t: TFunction;
}

export const fieldName = (names: Names, key: string) => {
  const column = names.columns.find((candidate) => candidate.key === key);
  return column ? column.label || column.key : key;
};

export function stateName(stateColumn: Column | undefined, value: string): string {
  const option = stateColumn?.options?.find((candidate) => candidate.value === value);
  return option ? option.label || option.value : value;
}

function literalText(names: Names, field: string, value: unknown): string {
  const column = names.columns.find((candidate) => candidate.key === field);
  if (value === null || value === undefined || value === "") return names.t("flowSteps.describe.nothing");
  if (typeof value === "boolean") return names.t(value ? "flowSteps.describe.yes" : "flowSteps.describe.no");
  if (column?.type === "user") return names.members.find((member) => member.user_id === Number(value))?.email ?? String(value);
  const label = (item: unknown) => column?.options?.find((option) => option.value === item)?.label || String(item);
  return Array.isArray(value) ? value.map(label).join(", ") : label(value);
}

function durationText(names: Names, duration: DurationValue): string {
  const parts = (["days", "hours", "minutes"] as const).filter((unit) => duration[unit]).map((unit) => names.t(`flowSteps.describe.${unit}`, { count: duration[unit] }));
  return parts.join(" ") || names.t("flowSteps.describe.minutes", { count: 0 });
}

const operandText = (names: Names, field: string, operand: Operand | DurationValue): string =>
  operand.kind === "field" ? fieldName(names, operand.field) : operand.kind === "duration" ? durationText(names, operand) : literalText(names, field, operand.value);

export function valueText(names: Names, field: string, value: StepsValue): string {
  const { t } = names;
  switch (value.kind) {
    case "literal":
      return literalText(names, field, value.value);
    case "field":
      return fieldName(names, value.field);
    case "calc":
      return `${operandText(names, field, value.left)} ${value.op === "*" ? "×" : value.op === "/" ? "÷" : value.op} ${operandText(names, field, value.right)}`;
    case "join":
      return value.parts.map((part) => (part.kind === "field" ? `[${fieldName(names, part.field)}]` : part.value)).join("") || t("flowSteps.describe.nothing");
    default:
      return t(`flowSteps.kinds.${value.kind}`);
  }
}

export const updateText = (names: Names, update: StepsUpdate) => `${fieldName(names, update.field)} ← ${valueText(names, update.field, update.value)}`;

export function whoText(names: Names, who: StepsWho): string {
  const { t } = names;
  if (who.kind === "role") return t("flowSteps.describe.role", { role: t(`team.roles.${who.role}`) });
  if (who.kind === "member") return who.email;
  if (who.kind === "field") return t("flowSteps.describe.personIn", { field: fieldName(names, who.field) });
  return t("flowSteps.who.anyone");
}

export { durationText };
