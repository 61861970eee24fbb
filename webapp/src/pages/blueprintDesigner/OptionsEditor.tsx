import { Button, ColorSwatch, Group, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ColumnOption } from "../../api/blueprints";
import { IconPlus } from "../../app/components/icons";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { OPTION_COLORS } from "../../app/columnTypes";
import { ErrorText } from "../../app/records/ErrorText";
import { RowButtons } from "./RowButtons";

interface OptionsEditorProps {
  options: ColumnOption[];
  onChange: (options: ColumnOption[]) => void;
  /** Messages by field ("options", "options.0.value" ...). */
  errors: Record<string, string>;
}

/** The values of a choice column: each with a colour, in the order people see them. */
export function OptionsEditor({ options, onChange, errors }: OptionsEditorProps) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<ColumnOption>) =>
    onChange(options.map((option, i) => (i === index ? { ...option, ...patch } : option)));
  const move = (index: number, delta: number) => {
    const next = [...options];
    [next[index], next[index + delta]] = [next[index + delta], next[index]];
    onChange(next);
  };
  const colors = OPTION_COLORS.map((color) => ({ value: color, label: t(`colors.${color}`) }));

  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {t("designer.columns.options")}
      </Text>
      {!options.length && (
        <Text size="sm" c={errors.options ? "red" : "dimmed"}>
          {errors.options ?? t("designer.columns.noOptions")}
        </Text>
      )}
      {options.map((option, index) => {
        const name = option.value || String(index + 1);
        return (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={t("designer.columns.optionValue")}
              placeholder={t("designer.columns.optionValue")}
              value={option.value}
              onChange={(event) => update(index, { value: event.currentTarget.value, label: event.currentTarget.value })}
              error={errors[`options.${index}.value`] ?? errors[`options.${index}`]}
              style={{ flex: 1 }}
            />
            <LabelledSelect
              label={t("designer.columns.optionColor")}
              hideLabel
              data={colors}
              value={option.color || "gray"}
              onChange={(color) => update(index, { color: color ?? "gray" })}
              allowDeselect={false}
              leftSection={<ColorSwatch color={`var(--mantine-color-${option.color || "gray"}-6)`} size={14} />}
              renderOption={({ option: item }) => (
                <Group gap="xs">
                  <ColorSwatch color={`var(--mantine-color-${item.value}-6)`} size={14} />
                  {item.label}
                </Group>
              )}
              error={errors[`options.${index}.color`]}
              w={150}
            />
            <RowButtons
              index={index}
              count={options.length}
              onMove={(delta) => move(index, delta)}
              onRemove={() => onChange(options.filter((_, i) => i !== index))}
              labels={{
                up: t("designer.columns.moveOptionUp", { value: name }),
                down: t("designer.columns.moveOptionDown", { value: name }),
                remove: t("designer.columns.removeOption", { value: name }),
              }}
            />
          </Group>
        );
      })}
      {options.length > 0 && <ErrorText>{errors.options}</ErrorText>}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...options, { value: "", label: "", color: OPTION_COLORS[(options.length + 6) % OPTION_COLORS.length] }])}
        >
          {t("designer.columns.addOption")}
        </Button>
      </Group>
    </Stack>
  );
}
