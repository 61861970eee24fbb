import { Button, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { EntityData } from "../../api/entities";
import { FieldInput } from "../records/FieldInput";
import { inputToStored, storedToInput, type InputValue } from "../records/values";
import { ProblemAlert } from "./ProblemAlert";

/** What the server said about a try: messages under fields, and one above them. */
export interface FormOutcome {
  fields: Record<string, string>;
  message: string | null;
}

interface TransitionFormProps {
  slug: string;
  timeZone: string;
  /** The button's label: the confirm button says it. */
  label: string;
  /** The form's fields, in order; none asks only to confirm. */
  fields: Column[];
  /** The record's name, shown above the fields. */
  title: string;
  /** The record's current values: the fields start from them (or their defaults). */
  data: EntityData;
  onCancel: () => void;
  /** Does the transition with the typed values; resolves to null when done, or what went wrong. */
  onSubmit: (data: EntityData) => Promise<FormOutcome | null>;
}

function initialInputs(fields: Column[], data: EntityData, timeZone: string): Record<string, InputValue> {
  return Object.fromEntries(
    fields.map((column) => [column.key, storedToInput(column, column.key in data ? data[column.key] : column.default, timeZone)]),
  );
}

/**
 * A transition's form: the record, its fields as typed inputs, and a confirm
 * button named by the transition. The inbox, the record page and the board ask
 * a button's form with it.
 */
export function TransitionForm({ slug, timeZone, label, fields, title, data, onCancel, onSubmit }: TransitionFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => initialInputs(fields, data, timeZone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const out: EntityData = {};
    const found: Record<string, string> = {};
    for (const column of fields) {
      const parsed = inputToStored(column, values[column.key] ?? null, timeZone);
      if (!parsed.ok) found[column.key] = t(`values.problems.${parsed.problem}`);
      else if (column.required && (parsed.value === null || parsed.value === "")) found[column.key] = t("values.required");
      else out[column.key] = parsed.value;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const outcome = await onSubmit(out);
    setBusy(false);
    if (outcome) {
      setErrors(outcome.fields);
      setProblem(outcome.message);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Text size="sm" fw={600}>
          {t("work.dialog.record", { title })}
        </Text>
        <Text size="sm" c="dimmed">
          {fields.length ? t("work.dialog.fill") : t("work.dialog.confirm", { label })}
        </Text>
        {fields.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: fields.length > 1 ? 2 : 1 }} spacing="md">
            {fields.map((column, index) => (
              <FieldInput
                key={column.key}
                column={column}
                label={column.label}
                description={[column.help_text, column.required ? t("values.requiredHint") : ""].filter(Boolean).join(" · ") || undefined}
                value={values[column.key] ?? null}
                onChange={(value) => {
                  setValues((current) => ({ ...current, [column.key]: value }));
                  if (errors[column.key]) setErrors(({ [column.key]: _, ...rest }) => rest);
                }}
                error={errors[column.key]}
                timeZone={timeZone}
                slug={slug}
                autoFocus={index === 0}
              />
            ))}
          </SimpleGrid>
        )}
        <ProblemAlert message={problem} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy} data-autofocus={fields.length ? undefined : true}>
            {label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
