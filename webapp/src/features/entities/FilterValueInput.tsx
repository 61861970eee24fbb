import { Group, TagsInput, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LabelledMultiSelect, LabelledSelect } from "../../app/components/LabelledSelect";
import type { FilterCondition, FilterField } from "./filters";

interface FilterValueInputProps {
  field: FilterField;
  condition: FilterCondition;
  onChange: (patch: Partial<FilterCondition>) => void;
  error?: boolean;
}

const INPUT_TYPES: Partial<Record<FilterField["type"], string>> = { date: "date", datetime: "datetime-local" };

/** The value part of a condition: none, one, two (between), a list (any of) or days (within). */
export function FilterValueInput({ field, condition, onChange, error }: FilterValueInputProps) {
  const { t } = useTranslation();
  const op = condition.op;
  if (!op || op === "empty" || op === "not_empty") return null;
  const options = (field.options ?? []).map((option) => ({ value: option.value, label: option.label || option.value }));
  const inputType = INPUT_TYPES[field.type] ?? "text";
  const inputMode = field.type === "integer" ? "numeric" : field.type === "decimal" ? "decimal" : undefined;

  if (op === "between") {
    return (
      <Group gap="xs" wrap="nowrap" style={{ flex: 1 }}>
        <TextInput aria-label={t("filters.from")} placeholder={t("filters.from")} type={inputType} inputMode={inputMode} value={condition.from} onChange={(event) => onChange({ from: event.currentTarget.value })} error={error} style={{ flex: 1 }} />
        <TextInput aria-label={t("filters.to")} placeholder={t("filters.to")} type={inputType} inputMode={inputMode} value={condition.to} onChange={(event) => onChange({ to: event.currentTarget.value })} error={error} style={{ flex: 1 }} />
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
    <TextInput
      aria-label={t("filters.value")}
      type={inputType}
      inputMode={inputMode}
      value={typeof condition.value === "string" ? condition.value : ""}
      onChange={(event) => onChange({ value: event.currentTarget.value })}
      error={error}
      style={{ flex: 1 }}
    />
  );
}
