import { Badge, Box, Button, Checkbox, Code, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { memo, useEffect, useRef, useState, type Dispatch } from "react";
import { useTranslation } from "react-i18next";
import type { BlueprintSummary } from "../../api/blueprints";
import type { ColumnType } from "../../api/types";
import { IconChevronDown } from "../../app/components/icons";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { ErrorText } from "../../app/records/ErrorText";
import { FieldInput } from "../../app/records/FieldInput";
import { COLUMN_TYPES, hasOptions } from "../../app/columnTypes";
import { ColumnRulesFields } from "./ColumnRulesFields";
import type { ColumnWarning } from "./columnWarnings";
import type { DraftAction, DraftColumn } from "./draft";
import { OptionsEditor } from "./OptionsEditor";
import { RowButtons } from "./RowButtons";

interface ColumnCardProps {
  column: DraftColumn;
  index: number;
  count: number;
  dispatch: Dispatch<DraftAction>;
  errors: Record<string, string>;
  linkable: BlueprintSummary[];
  timeZone: string;
  slug: string;
  warning?: ColumnWarning;
  /** Changes (1, 2, ...) each time the error banner asks to show this column. */
  jump?: number;
}

/** Hints go under the inputs, so the inputs of a row line up. */
const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];
const KNOWN = new Set(["key", "label", "type", "required", "default", "help_text", "reference", "options"]);

/**
 * One column: a compact row (name, type, key, order) and its options folded
 * below it. A column with errors opens, and a jump from the error banner
 * scrolls to it and focuses its first field with an error.
 */
export const ColumnCard = memo(function ColumnCard({ column, index, count, dispatch, errors, linkable, timeZone, slug, warning, jump }: ColumnCardProps) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(!column.label);
  const box = useRef<HTMLFieldSetElement>(null);
  const name = column.label.trim() || t("designer.columns.untitled", { number: index + 1 });
  const patch = (changes: Partial<DraftColumn>) => dispatch({ type: "patchColumn", uid: column.uid, patch: changes });
  const other = Object.entries(errors)
    .filter(([field]) => !KNOWN.has(field) && !field.startsWith("rules.") && !field.startsWith("options"))
    .map(([, message]) => message);
  const hasErrors = Object.keys(errors).length > 0;
  const open = expanded || hasErrors;
  const detailsId = `column-${column.uid}-options`;

  useEffect(() => {
    if (!jump) return;
    setExpanded(true);
    requestAnimationFrame(() => {
      const card = box.current;
      if (!card) return;
      card.scrollIntoView?.({ block: "center", behavior: "smooth" });
      const target = card.querySelector<HTMLElement>('[aria-invalid="true"]') ?? card.querySelector<HTMLElement>("input");
      target?.focus({ preventScroll: true });
    });
  }, [jump]);

  return (
    <Fieldset ref={box} id={`column-${column.uid}`} legend={t("designer.columns.heading", { number: index + 1 })} radius="md" p="sm">
      <Stack gap="xs">
        <Group gap="sm" align="flex-start" wrap="wrap">
          <Box style={{ flex: "2 1 220px" }}>
            <TextInput
              label={t("designer.columns.label")}
              value={column.label}
              onChange={(event) => dispatch({ type: "setLabel", uid: column.uid, label: event.currentTarget.value })}
              error={errors.label}
              autoComplete="off"
              autoFocus={!column.keyEdited && !column.label}
            />
            {warning?.reserved && (
              <Text size="xs" c="orange" mt={4} role="note">
                {t("columnCheck.reservedName", { label: column.label.trim(), reserved: warning.reserved, key: column.key })}
              </Text>
            )}
            {warning?.duplicate && (
              <Text size="xs" c="orange" mt={4} role="note">
                {t("columnCheck.duplicateName", { label: warning.duplicate, key: column.key })}
              </Text>
            )}
          </Box>
          <Box style={{ flex: "1 1 160px" }}>
            <LabelledSelect
              label={t("designer.columns.type")}
              data={COLUMN_TYPES.map((type) => ({ value: type, label: t(`columnTypes.${type}`) }))}
              value={column.type}
              onChange={(type) => type && dispatch({ type: "setType", uid: column.uid, columnType: type as ColumnType })}
              allowDeselect={false}
              maxDropdownHeight={320}
              error={errors.type}
            />
          </Box>
          <Stack gap={4} style={{ flex: "1 1 140px" }} mt={{ base: 0, sm: 26 }}>
            <Group gap={6} wrap="wrap">
              <Code title={t("designer.columns.key")}>{column.key || "—"}</Code>
              {column.required && (
                <Badge size="sm" variant="light" color="gray" tt="none">
                  {t("designer.columns.required")}
                </Badge>
              )}
            </Group>
          </Stack>
          <Group gap={4} wrap="nowrap" mt={{ base: 0, sm: 24 }}>
            <Button
              variant={open ? "light" : "default"}
              size="xs"
              rightSection={<IconChevronDown size={14} style={{ transform: open ? "rotate(180deg)" : undefined }} />}
              aria-expanded={open}
              aria-controls={detailsId}
              aria-label={t(open ? "columnCheck.hideOptions" : "columnCheck.showOptions", { label: name })}
              onClick={() => setExpanded(!open)}
              disabled={hasErrors}
            >
              {t("columnCheck.options")}
            </Button>
            <RowButtons
              compact
              index={index}
              count={count}
              onMove={(delta) => dispatch({ type: "moveColumn", uid: column.uid, delta })}
              onRemove={() => dispatch({ type: "removeColumn", uid: column.uid })}
              labels={{
                up: t("designer.columns.moveUp", { label: name }),
                down: t("designer.columns.moveDown", { label: name }),
                remove: t("designer.columns.remove", { label: name }),
              }}
            />
          </Group>
        </Group>
        {open && (
          <Stack gap="sm" id={detailsId} pt="xs" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
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
            <ErrorText>{other.join(" ")}</ErrorText>
          </Stack>
        )}
      </Stack>
    </Fieldset>
  );
});
