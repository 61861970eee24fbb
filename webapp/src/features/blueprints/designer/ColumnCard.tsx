import { Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { memo, type Dispatch } from "react";
import { useTranslation } from "react-i18next";
import type { BlueprintSummary } from "../../../api/blueprints";
import type { ColumnType } from "../../../api/types";
import { IconArrowDown, IconArrowUp, IconTrash } from "../../../app/components/icons";
import { LabelledSelect } from "../../../app/components/LabelledSelect";
import { FieldInput } from "../../entities/FieldInput";
import { COLUMN_TYPES, hasOptions } from "../columnTypes";
import { ColumnRulesFields } from "./ColumnRulesFields";
import type { DraftAction, DraftColumn } from "./draft";
import { OptionsEditor } from "./OptionsEditor";

interface ColumnCardProps {
  column: DraftColumn;
  index: number;
  count: number;
  dispatch: Dispatch<DraftAction>;
  errors: Record<string, string>;
  linkable: BlueprintSummary[];
  timeZone: string;
  slug: string;
}

/** Hints go under the inputs, so the inputs of a row line up. */
const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];
const KNOWN = new Set(["key", "label", "type", "required", "default", "help_text", "reference", "options"]);

/** Everything about one column, edited in place. */
export const ColumnCard = memo(function ColumnCard({ column, index, count, dispatch, errors, linkable, timeZone, slug }: ColumnCardProps) {
  const { t } = useTranslation();
  const name = column.label.trim() || t("designer.columns.untitled", { number: index + 1 });
  const patch = (changes: Partial<DraftColumn>) => dispatch({ type: "patchColumn", uid: column.uid, patch: changes });
  const other = Object.entries(errors)
    .filter(([field]) => !KNOWN.has(field) && !field.startsWith("rules.") && !field.startsWith("options"))
    .map(([, message]) => message);

  return (
    <Fieldset legend={t("designer.columns.heading", { number: index + 1 })} radius="md">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("designer.columns.label")}
            value={column.label}
            onChange={(event) => dispatch({ type: "setLabel", uid: column.uid, label: event.currentTarget.value })}
            error={errors.label}
            autoComplete="off"
            autoFocus={!column.keyEdited && !column.label}
          />
          <TextInput
            label={t("designer.columns.key")}
            description={t("designer.columns.keyHelp")}
            value={column.key}
            onChange={(event) => dispatch({ type: "setKey", uid: column.uid, key: event.currentTarget.value.toLowerCase() })}
            error={errors.key}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            inputWrapperOrder={BELOW}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          />
          <LabelledSelect
            label={t("designer.columns.type")}
            data={COLUMN_TYPES.map((type) => ({ value: type, label: t(`columnTypes.${type}`) }))}
            value={column.type}
            onChange={(type) => type && dispatch({ type: "setType", uid: column.uid, columnType: type as ColumnType })}
            allowDeselect={false}
            maxDropdownHeight={320}
            error={errors.type}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {column.type === "boolean" ? (
            <LabelledSelect
              label={t("designer.columns.defaultValue")}
              data={[
                { value: "true", label: t("values.yes") },
                { value: "false", label: t("values.no") },
              ]}
              placeholder={t("designer.columns.noDefault")}
              value={column.defaultInput === null ? null : String(column.defaultInput)}
              onChange={(value) => patch({ defaultInput: value === null ? null : value === "true" })}
              clearable
              error={errors.default}
            />
          ) : (
            <FieldInput
              column={column}
              label={t("designer.columns.defaultValue")}
              value={column.defaultInput}
              onChange={(value) => patch({ defaultInput: value })}
              error={errors.default}
              timeZone={timeZone}
              slug={slug}
              compact
              descriptionBelow
            />
          )}
          <TextInput
            label={t("designer.columns.helpText")}
            description={t("designer.columns.helpTextHint")}
            inputWrapperOrder={BELOW}
            value={column.help_text}
            onChange={(event) => patch({ help_text: event.currentTarget.value })}
            error={errors.help_text}
          />
          <Checkbox
            label={t("designer.columns.required")}
            checked={column.required}
            onChange={(event) => patch({ required: event.currentTarget.checked })}
            error={errors.required}
            mt={{ sm: 28 }}
          />
        </SimpleGrid>
        <ColumnRulesFields
          type={column.type}
          rules={column.rules}
          onChange={(rules) => patch({ rules })}
          errors={errors}
          timeZone={timeZone}
        />
        {hasOptions(column.type) && (
          <OptionsEditor options={column.options ?? []} onChange={(options) => patch({ options })} errors={errors} />
        )}
        {column.type === "reference" &&
          (linkable.length ? (
            <LabelledSelect
              label={t("designer.columns.linksTo")}
              data={linkable.map((blueprint) => ({ value: blueprint.key, label: blueprint.name }))}
              value={column.reference ?? null}
              onChange={(reference) => patch({ reference: reference ?? undefined })}
              error={errors.reference}
              maw={360}
            />
          ) : (
            <Text size="sm" c={errors.reference ? "red" : "dimmed"}>
              {errors.reference ?? t("designer.columns.linksToEmpty")}
            </Text>
          ))}
        {other.length > 0 && (
          <Text size="sm" c="red">
            {other.join(" ")}
          </Text>
        )}
        <Group gap="xs" justify="flex-end">
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconArrowUp size={14} />}
            disabled={index === 0}
            onClick={() => dispatch({ type: "moveColumn", uid: column.uid, delta: -1 })}
            aria-label={t("designer.columns.moveUp", { label: name })}
          >
            {t("designer.columns.moveUpShort")}
          </Button>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconArrowDown size={14} />}
            disabled={index === count - 1}
            onClick={() => dispatch({ type: "moveColumn", uid: column.uid, delta: 1 })}
            aria-label={t("designer.columns.moveDown", { label: name })}
          >
            {t("designer.columns.moveDownShort")}
          </Button>
          <Button
            variant="subtle"
            color="red"
            size="xs"
            leftSection={<IconTrash size={14} />}
            onClick={() => dispatch({ type: "removeColumn", uid: column.uid })}
            aria-label={t("designer.columns.remove", { label: name })}
          >
            {t("designer.columns.removeShort")}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
});
