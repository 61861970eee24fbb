import { ActionIcon, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { FieldErrors } from "../../../api/errors";
import type { StepsTimer } from "../../../api/flowSteps";
import type { Member } from "../../../api/members";
import { IconTrash } from "../../../app/components/icons";
import { LabelledSelect } from "../../../app/components/LabelledSelect";
import { messagesAt } from "./errors";
import { RowsFooter, UnitInput } from "./parts";
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
                  <UnitInput key={unit} unit={unit} value={timer.after[unit]} onChange={(next) => setRow(index, { ...timer, after: { ...timer.after, [unit]: next } })} w={124} />
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
      <RowsFooter empty={!timers.length} emptyText={t("flowSteps.timers.empty")} readOnly={readOnly} addLabel={t("flowSteps.timers.add")} onAdd={add} addDisabled={!states.length} />
    </Stack>
  );
}
