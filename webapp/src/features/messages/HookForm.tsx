import { Button, Checkbox, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { InboundHook, InboundHookInput } from "../../api/messages";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { RowsEditor } from "../../app/components/RowsEditor";

interface Row {
  field: string;
  path: string;
}

const rowsOf = (mapping: Record<string, string> | null | undefined): Row[] => Object.entries(mapping ?? {}).map(([field, path]) => ({ field, path }));
const mappingOf = (rows: Row[]) => Object.fromEntries(rows.filter((row) => row.field.trim()).map((row) => [row.field.trim(), row.path.trim()]));

interface HookFormProps {
  /** The hook's settings to change; none: a new hook. */
  initial?: InboundHook;
  submitLabel: string;
  submitting: boolean;
  onSubmit: (input: InboundHookInput) => Promise<unknown>;
  onCancel?: () => void;
}

/** An inbound hook's settings: the message each request becomes, which record field it matches
 * on (read from where in the request), and which values it carries (every member, or those listed). */
export function HookForm({ initial, submitLabel, submitting, onSubmit, onCancel }: HookFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.message_name ?? "");
  const [correlation, setCorrelation] = useState<Row[]>(rowsOf(initial?.correlation));
  const [everyValue, setEveryValue] = useState(initial ? initial.values === null : true);
  const [values, setValues] = useState<Row[]>(rowsOf(initial?.values));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setErrors({ message_name: t("messages.hook.messageNameRequired") });
    setErrors({});
    setProblem(null);
    try {
      await onSubmit({ message_name: name.trim(), correlation: mappingOf(correlation), values: everyValue ? null : mappingOf(values) });
    } catch (error) {
      const found = formProblem(error, ["message_name", "correlation", "values"], t);
      setErrors(found.fieldErrors);
      setProblem(found.message);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t("messages.hook.messageName")}
          description={t("messages.hook.messageNameHelp")}
          required
          value={name}
          error={errors.message_name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Mapping part="correlation" rows={correlation} error={errors.correlation} onChange={setCorrelation} />
        <Checkbox
          label={t("messages.hook.everyValue")}
          description={t("messages.hook.everyValueHelp")}
          checked={everyValue}
          onChange={(event) => setEveryValue(event.currentTarget.checked)}
        />
        {!everyValue && <Mapping part="values" rows={values} error={errors.values} onChange={setValues} />}
        <ProblemAlert message={problem} />
        <Group>
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The texts of each mapping: which record field is matched on, and which values are carried. */
const MAPPING_TEXTS = {
  correlation: { title: "messages.hook.correlationTitle", help: "messages.hook.correlationHelp", add: "messages.hook.addCorrelation" },
  values: { title: "messages.hook.valuesTitle", help: "messages.hook.valuesHelp", add: "messages.hook.addValue" },
} as const;

interface MappingProps {
  part: keyof typeof MAPPING_TEXTS;
  rows: Row[];
  error?: string;
  onChange: (rows: Row[]) => void;
}

/** Record field → place in the request, one row each. */
function Mapping({ part, rows, error, onChange }: MappingProps) {
  const { t } = useTranslation();
  const title = t(MAPPING_TEXTS[part].title);
  return (
    <Stack gap={4} role="group" aria-label={title}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      <Text size="xs" c="dimmed">
        {t(MAPPING_TEXTS[part].help)}
      </Text>
      <RowsEditor
        rows={rows}
        onChange={onChange}
        columns={[
          { part: "field", label: t("messages.hook.field"), flex: 1 },
          { part: "path", label: t("messages.hook.path"), placeholder: t("messages.hook.pathPlaceholder"), flex: 1 },
        ]}
        blank={{ field: "", path: "" }}
        removeLabel={(row, index) => t("messages.hook.removeCorrelation", { field: row.field || index + 1 })}
        addLabel={t(MAPPING_TEXTS[part].add)}
        error={error}
        dense
      />
    </Stack>
  );
}
