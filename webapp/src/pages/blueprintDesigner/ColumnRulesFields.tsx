import { SimpleGrid, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ColumnRules } from "../../api/blueprints";
import type { ColumnType } from "../../api/types";
import { DateInput, DateTimeInput } from "../../app/components/DateInput";
import { NumberField } from "../../app/components/NumberField";
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
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {names.map((name) => {
        const props = {
          label: t(LABELS[name]),
          value: rules[name] == null ? "" : String(rules[name]),
          onChange: (value: string) => onChange({ ...rules, [name]: value }),
          error: errors[`rules.${name}`],
          inputWrapperOrder: ["label", "input", "description", "error"] as ("label" | "input" | "description" | "error")[],
        };
        if (name === "pattern") {
          return (
            <TextInput
              key={name}
              {...props}
              description={t("designer.columns.patternHint")}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => props.onChange(event.currentTarget.value)}
            />
          );
        }
        if (name === "min_length" || name === "max_length" || type === "integer" || type === "decimal") {
          return <NumberField key={name} {...props} whole={type !== "decimal" || name.endsWith("_length")} />;
        }
        if (type === "date") return <DateInput key={name} {...props} />;
        if (type === "datetime") {
          return <DateTimeInput key={name} {...props} timeZone={timeZone} description={t("values.timeIn", { timezone: timeZone })} />;
        }
        return <TextInput key={name} {...props} autoComplete="off" onChange={(event) => props.onChange(event.currentTarget.value)} />;
      })}
    </SimpleGrid>
  );
}
