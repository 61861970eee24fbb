import { Fieldset, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import { FieldInput } from "../../app/records/FieldInput";
import type { ResolvedSection } from "../../app/records/layout";
import type { InputValue } from "../../app/records/values";

interface RecordFieldsProps {
  sections: ResolvedSection[];
  values: Record<string, InputValue>;
  onChange: (column: Column, value: InputValue) => void;
  errors?: Record<string, string>;
  timeZone: string;
  slug: string;
  disabled?: boolean;
  emptyText?: string;
  /** Fields a flow sets, each with the flow's name: shown read-only with "Set by the flow …". */
  locked?: Record<string, string>;
}

/** A record's fields in the sections of the blueprint's form, labelled by column. */
export function RecordFields({ sections, values, onChange, errors = {}, timeZone, slug, disabled, emptyText, locked = {} }: RecordFieldsProps) {
  const { t } = useTranslation();
  const visible = sections.filter((section) => section.columns.length > 0);
  if (!visible.length && emptyText) return <Text c="dimmed">{emptyText}</Text>;
  return (
    <Stack gap="lg">
      {visible.map((section, index) => {
        const fields = (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
            {section.columns.map((column) => (
              <div key={column.key} style={column.type === "long_text" ? { gridColumn: "1 / -1" } : undefined}>
                <FieldInput
                  column={column}
                  label={column.label}
                  description={
                    [
                      column.help_text,
                      column.required && !locked[column.key] ? t("values.requiredHint") : "",
                      locked[column.key] ? t("recordState.setByFlow", { flow: locked[column.key] }) : "",
                    ]
                      .filter(Boolean)
                      .join(" · ") || undefined
                  }
                  value={values[column.key] ?? null}
                  onChange={(value) => onChange(column, value)}
                  error={errors[column.key]}
                  timeZone={timeZone}
                  slug={slug}
                  disabled={disabled || column.key in locked}
                />
              </div>
            ))}
          </SimpleGrid>
        );
        return section.title ? (
          <Fieldset key={index} legend={section.title} variant="unstyled">
            {fields}
          </Fieldset>
        ) : (
          <div key={index}>{fields}</div>
        );
      })}
    </Stack>
  );
}
