import { ActionIcon, Button, Group, NumberInput, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { FieldErrors } from "../../../api/errors";
import type { StepsTimer } from "../../../api/flowSteps";
import type { Member } from "../../../api/members";
import { IconPlus, IconTrash } from "../../../app/components/icons";
import { LabelledSelect } from "../../../app/components/LabelledSelect";
import { messagesAt } from "./errors";
import { UpdatesEditor } from "./UpdatesEditor";

interface TimersTableProps {
  timers: StepsTimer[];
  onChange: (timers: StepsTimer[]) => void;
  columns: readonly Column[];
  stateColumn: Column;
  members: readonly Member[];
  timeZone: string;
  errors: FieldErrors;
  readOnly: boolean;
}

const UNITS = ["days", "hours", "minutes"] as const;

/** "Moves by itself": after so long in a state, a record moves on to another without anyone pressing. */
export function TimersTable({ timers, onChange, columns, stateColumn, members, timeZone, errors, readOnly }: TimersTableProps) {
  const { t } = useTranslation();
  const states = (stateColumn.options ?? []).map((option) => ({ value: option.value, label: option.label || option.value }));
  const setRow = (index: number, row: StepsTimer | null) =>
    onChange(row ? timers.map((old, i) => (i === index ? row : old)) : timers.filter((_, i) => i !== index));
  const add = () =>
    onChange([...timers, { id: "", state: states[0]?.value ?? "", after: { days: 1, hours: 0, minutes: 0 }, to: states[states.length - 1]?.value ?? "", updates: [] }]);
  return (
    <Stack gap="xs">
      {timers.map((timer, index) => {
        const path = `steps.timers.${index}`;
        const number = index + 1;
        return (
          <Paper key={index} withBorder p="sm" radius="md" component="fieldset" aria-label={t("flowSteps.timers.row", { number })} disabled={readOnly} bg={messagesAt(errors, path) ? "var(--mantine-color-red-light)" : undefined}>
            <Stack gap="xs">
              <Group gap="xs" align="center" wrap="wrap">
                <Text size="sm">{t("flowSteps.timers.after")}</Text>
                {UNITS.map((unit) => (
                  <NumberInput
                    key={unit}
                    aria-label={t(`flowSteps.units.${unit}`)}
                    rightSection={<Text size="xs">{t(`flowSteps.units.${unit}`)}</Text>}
                    rightSectionWidth={64}
                    min={0}
                    allowDecimal={false}
                    value={timer.after[unit]}
                    onChange={(next) => setRow(index, { ...timer, after: { ...timer.after, [unit]: typeof next === "number" ? next : 0 } })}
                    w={124}
                  />
                ))}
                <Text size="sm">{t("flowSteps.timers.in")}</Text>
                <LabelledSelect label={t("flowSteps.timers.state")} hideLabel data={states} value={timer.state || null} onChange={(state) => state && setRow(index, { ...timer, state })} allowDeselect={false} w={150} />
                <Text size="sm" aria-hidden>
                  →
                </Text>
                <LabelledSelect label={t("flowSteps.timers.to")} hideLabel data={states} value={timer.to || null} onChange={(to) => to && setRow(index, { ...timer, to })} allowDeselect={false} w={150} />
                {!readOnly && (
                  <ActionIcon variant="subtle" color="red" onClick={() => setRow(index, null)} aria-label={t("flowSteps.timers.remove", { number })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
              {messagesAt(errors, path) && (
                <Text size="xs" c="red" role="note">
                  {t("flowSteps.table.problem", { message: messagesAt(errors, path) })}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t("flowSteps.timers.alsoSets")}
              </Text>
              <UpdatesEditor
                updates={timer.updates}
                onChange={(updates) => setRow(index, { ...timer, updates })}
                columns={columns}
                stateColumn={stateColumn.key}
                members={members}
                timeZone={timeZone}
                exclude={["actor"]}
                errors={errors}
                path={`${path}.updates`}
              />
            </Stack>
          </Paper>
        );
      })}
      {!timers.length && (
        <Text size="sm" c="dimmed">
          {t("flowSteps.timers.empty")}
        </Text>
      )}
      {!readOnly && (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={add} disabled={!states.length}>
            {t("flowSteps.timers.add")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
