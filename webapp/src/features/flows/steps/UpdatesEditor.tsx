import { ActionIcon, Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { FieldErrors } from "../../../api/errors";
import type { StepsUpdate, StepsValueKind } from "../../../api/flowSteps";
import type { Member } from "../../../api/members";
import { IconPlus, IconTrash } from "../../../app/components/icons";
import { LabelledSelect } from "../../../app/components/LabelledSelect";
import { messagesAt } from "./errors";
import { fitValue } from "./valueKinds";
import { ValueInput } from "./ValueInput";

interface UpdatesEditorProps {
  updates: StepsUpdate[];
  onChange: (updates: StepsUpdate[]) => void;
  /** The blueprint's columns; the state column is set by the move itself and not offered. */
  columns: readonly Column[];
  stateColumn: string;
  members: readonly Member[];
  timeZone: string;
  exclude?: readonly StepsValueKind[];
  errors: FieldErrors;
  /** Where these updates sit in the server's error paths ("steps.transitions.0.updates"). */
  path: string;
}

/** "Sets": rows of field ← value, applied in order. */
export function UpdatesEditor({ updates, onChange, columns, stateColumn, members, timeZone, exclude, errors, path }: UpdatesEditorProps) {
  const { t } = useTranslation();
  const targets = columns.filter((column) => column.key !== stateColumn);
  const setRow = (index: number, row: StepsUpdate | null) =>
    onChange(row ? updates.map((old, i) => (i === index ? row : old)) : updates.filter((_, i) => i !== index));
  return (
    <Stack gap="xs">
      {updates.map((update, index) => {
        const target = targets.find((column) => column.key === update.field);
        const fieldError = messagesAt(errors, `${path}.${index}.field`);
        return (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid={`${path}.${index}`}>
            <LabelledSelect
              label={t("flowSteps.updates.field", { number: index + 1 })}
              hideLabel
              placeholder={t("flowSteps.updates.chooseField")}
              data={targets.map((column) => ({ value: column.key, label: column.label || column.key }))}
              value={update.field || null}
              onChange={(key) => {
                const next = targets.find((column) => column.key === key);
                if (next) setRow(index, { field: next.key, value: fitValue(update.field === next.key ? update.value : null, next, columns) });
              }}
              allowDeselect={false}
              searchable
              error={fieldError}
              w={180}
            />
            <Text mt={6} aria-hidden>
              ←
            </Text>
            {target ? (
              <ValueInput
                target={target}
                value={update.value}
                onChange={(value) => setRow(index, { ...update, value })}
                columns={columns}
                members={members}
                timeZone={timeZone}
                exclude={exclude}
                error={messagesAt(errors, `${path}.${index}.value`)}
              />
            ) : (
              <Text size="sm" c="dimmed" mt={6}>
                {t("flowSteps.updates.pickFieldFirst")}
              </Text>
            )}
            <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => setRow(index, null)} aria-label={t("flowSteps.updates.remove", { number: index + 1 })}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button variant="light" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...updates, { field: "", value: { kind: "clear" } }])}>
          {t("flowSteps.updates.add")}
        </Button>
      </Group>
    </Stack>
  );
}
