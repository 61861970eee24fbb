import { SimpleGrid, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ColumnRules } from "../../api/blueprints";
import type { ColumnType } from "../../api/types";
import { rulesFor, type RuleName } from "../../app/columnTypes";

interface ColumnRulesFieldsProps {
  type: ColumnType;
  rules: ColumnRules;
  onChange: (rules: ColumnRules) => void;
  errors: Record<string, string>;
  timeZone: string;
}

const LABELS: Record<RuleName, string> = {
  min: "designer.columns.min",
  max: "designer.columns.max",
  min_length: "designer.columns.minLength",
  max_length: "designer.columns.maxLength",
  pattern: "designer.columns.pattern",
};

/** Minimum and maximum for numbers and dates; lengths and a pattern for text. */
export function ColumnRulesFields({ type, rules, onChange, errors, timeZone }: ColumnRulesFieldsProps) {
  const { t } = useTranslation();
  const names = rulesFor(type);
  if (!names.length) return null;
  const inputType = type === "date" ? "date" : type === "datetime" ? "datetime-local" : "text";
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {names.map((name) => {
        const numeric = name === "min_length" || name === "max_length" || type === "integer" || type === "decimal";
        return (
          <TextInput
            key={name}
            label={t(LABELS[name])}
            description={
              name === "pattern"
                ? t("designer.columns.patternHint")
                : type === "datetime"
                  ? t("values.timeIn", { timezone: timeZone })
                  : undefined
            }
            type={name === "pattern" ? "text" : inputType}
            inputMode={numeric && name !== "pattern" ? (type === "decimal" ? "decimal" : "numeric") : undefined}
            autoComplete="off"
            spellCheck={false}
            value={rules[name] == null ? "" : String(rules[name])}
            onChange={(event) => onChange({ ...rules, [name]: event.currentTarget.value })}
            error={errors[`rules.${name}`]}
            inputWrapperOrder={["label", "input", "description", "error"]}
          />
        );
      })}
    </SimpleGrid>
  );
}
