import { Group, TagsInput, Text, TextInput } from "@mantine/core";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { DateInput, DateTimeInput } from "../components/DateInput";
import { LabelledMultiSelect, LabelledSelect } from "../components/LabelledSelect";
import { NumberField } from "../components/NumberField";
import type { FilterCondition, FilterField } from "./filters";

interface FilterValueInputProps {
  field: FilterField;
  condition: FilterCondition;
  onChange: (patch: Partial<FilterCondition>) => void;
  error?: boolean;
}

interface TypedTextProps {
  type: FilterField["type"];
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  error?: boolean;
  style?: CSSProperties;
}

/** One typed value: dates, date-times and numbers in the interface language's way, else plain text. */
function TypedText({ type, label, value, onChange, ...rest }: TypedTextProps) {
  const props = { "aria-label": label, value, onChange, ...rest };
  if (type === "date") return <DateInput {...props} />;
  if (type === "datetime") return <DateTimeInput {...props} />;
  if (type === "integer" || type === "decimal") return <NumberField {...props} whole={type === "integer"} />;
  return <TextInput {...rest} aria-label={label} value={value} onChange={(event) => onChange(event.currentTarget.value)} />;
}

/** The value part of a condition: none, one, two (between), a list (any of) or days (within). */
export function FilterValueInput({ field, condition, onChange, error }: FilterValueInputProps) {
  const { t } = useTranslation();
  const op = condition.op;
  if (!op || op === "empty" || op === "not_empty") return null;
  const options = (field.options ?? []).map((option) => ({ value: option.value, label: option.label || option.value }));

  if (op === "between") {
    return (
      <Group gap="xs" wrap="nowrap" style={{ flex: 1 }}>
        <TypedText type={field.type} label={t("filters.from")} placeholder={t("filters.from")} value={condition.from} onChange={(from) => onChange({ from })} error={error} style={{ flex: 1 }} />
        <TypedText type={field.type} label={t("filters.to")} placeholder={t("filters.to")} value={condition.to} onChange={(to) => onChange({ to })} error={error} style={{ flex: 1 }} />
      </Group>
    );
  }
  if (op === "in") {
    return options.length ? (
      <LabelledMultiSelect label={t("filters.value")} hideLabel data={options} value={condition.list} onChange={(list) => onChange({ list })} error={error} style={{ flex: 1 }} />
    ) : (
      <TagsInput aria-label={t("filters.value")} value={condition.list} onChange={(list) => onChange({ list })} error={error} style={{ flex: 1 }} />
    );
  }
  if (op === "within") {
    return (
      <Group gap="xs" wrap="nowrap" style={{ flex: 1 }}>
        <LabelledSelect
          label={t("filters.direction")}
          hideLabel
          data={[
            { value: "last", label: t("filters.last") },
            { value: "next", label: t("filters.next") },
          ]}
          value={condition.within.direction}
          onChange={(direction) => onChange({ within: { ...condition.within, direction: direction === "next" ? "next" : "last" } })}
          allowDeselect={false}
          w={150}
        />
        <TextInput
          aria-label={t("filters.value")}
          inputMode="numeric"
          value={condition.within.days}
          onChange={(event) => onChange({ within: { ...condition.within, days: event.currentTarget.value } })}
          rightSection={<Text size="xs" c="dimmed">{t("filters.days")}</Text>}
          rightSectionWidth={48}
          error={error}
          w={120}
        />
      </Group>
    );
  }
  if (field.type === "boolean") {
    return (
      <LabelledSelect
        label={t("filters.value")}
        hideLabel
        data={[
          { value: "true", label: t("values.yes") },
          { value: "false", label: t("values.no") },
        ]}
        value={condition.value === null || condition.value === "" ? null : String(condition.value)}
        onChange={(value) => onChange({ value: value === null ? null : value === "true" })}
        error={error}
        style={{ flex: 1 }}
      />
    );
  }
  if (options.length) {
    return (
      <LabelledSelect
        label={t("filters.value")}
        hideLabel
        data={options}
        value={typeof condition.value === "string" && condition.value ? condition.value : null}
        onChange={(value) => onChange({ value: value ?? "" })}
        error={error}
        style={{ flex: 1 }}
      />
    );
  }
  return (
    <TypedText
      type={field.type}
      label={t("filters.value")}
      value={typeof condition.value === "string" ? condition.value : ""}
      onChange={(value) => onChange({ value })}
      error={error}
      style={{ flex: 1 }}
    />
  );
}
