import { Button, Drawer, Group, Stack, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { FieldErrors } from "../../../api/errors";
import type { StepsTransition } from "../../../api/flowSteps";
import type { Member } from "../../../api/members";
import { LabelledMultiSelect, LabelledSelect } from "../../../app/components/LabelledSelect";
import { ConditionInput } from "./ConditionInput";
import { messagesAt } from "./errors";
import { UpdatesEditor } from "./UpdatesEditor";
import { WhoInput } from "./WhoInput";

export interface TransitionDrawerProps {
  transition: StepsTransition;
  index: number;
  onChange: (next: StepsTransition) => void;
  onClose: () => void;
  columns: readonly Column[];
  stateColumn: Column;
  members: readonly Member[];
  timeZone: string;
  errors: FieldErrors;
}

/** One row of the table opened for editing: every part of a button, each from a menu. */
export function TransitionDrawer({ transition, index, onChange, onClose, columns, stateColumn, members, timeZone, errors }: TransitionDrawerProps) {
  const { t } = useTranslation();
  const path = `steps.transitions.${index}`;
  const states = (stateColumn.options ?? []).map((option) => ({ value: option.value, label: option.label || option.value }));
  const others = columns.filter((column) => column.key !== stateColumn.key);
  const patch = (changes: Partial<StepsTransition>) => onChange({ ...transition, ...changes });
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={t("flowSteps.drawer.title", { label: transition.label || t("flowSteps.table.untitled") })}
      styles={{ title: { fontSize: "var(--mantine-h4-font-size)", fontWeight: 700 } }}
    >
      <Stack gap="md">
        <TextInput
          label={t("flowSteps.table.button")}
          description={t("flowSteps.drawer.buttonHelp")}
          value={transition.label}
          maxLength={80}
          onChange={(event) => patch({ label: event.currentTarget.value })}
          error={messagesAt(errors, `${path}.label`) ?? messagesAt(errors, `${path}.id`)}
          data-autofocus
        />
        <Group grow align="flex-start">
          <LabelledMultiSelect
            label={t("flowSteps.table.from")}
            data={states}
            value={transition.from}
            onChange={(from) => patch({ from })}
            error={messagesAt(errors, `${path}.from`)}
          />
          <LabelledSelect
            label={t("flowSteps.table.to")}
            data={states}
            value={transition.to || null}
            onChange={(to) => to && patch({ to })}
            allowDeselect={false}
            error={messagesAt(errors, `${path}.to`)}
          />
        </Group>
        <WhoInput
          value={transition.who}
          onChange={(who) => patch({ who })}
          members={members}
          userColumns={columns.filter((column) => column.type === "user")}
          error={messagesAt(errors, `${path}.who`)}
        />
        <LabelledMultiSelect
          label={t("flowSteps.table.form")}
          description={t("flowSteps.drawer.formHelp")}
          data={others.map((column) => ({ value: column.key, label: column.label || column.key }))}
          value={transition.form}
          onChange={(form) => patch({ form })}
          error={messagesAt(errors, `${path}.form`)}
        />
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t("flowSteps.table.sets")}
          </Title>
          <UpdatesEditor
            updates={transition.updates}
            onChange={(updates) => patch({ updates })}
            columns={columns}
            stateColumn={stateColumn.key}
            members={members}
            timeZone={timeZone}
            errors={errors}
            path={`${path}.updates`}
          />
        </Stack>
        <ConditionInput
          value={transition.condition}
          onChange={(condition) => patch({ condition })}
          columns={columns}
          timeZone={timeZone}
          error={messagesAt(errors, `${path}.condition`)}
        />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("flowSteps.drawer.done")}</Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
