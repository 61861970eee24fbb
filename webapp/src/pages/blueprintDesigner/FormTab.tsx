import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type Dispatch } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import { IconArrowDown, IconArrowUp, IconEye, IconEyeOff, IconPlus, IconTrash } from "../../app/components/icons";
import { Heading } from "../../app/components/Heading";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { RecordFields } from "../../features/entities/RecordFields";
import type { InputValue } from "../../app/records/values";
import { hiddenColumns, type DraftAction, type DraftColumn, type DraftState } from "./draft";

interface FormTabProps {
  state: DraftState;
  dispatch: Dispatch<DraftAction>;
  errors: string[];
  timeZone: string;
  slug: string;
}

const labelOf = (column: DraftColumn, t: (key: string) => string) => column.label.trim() || column.key || t("recordForm.untitled");

function FieldRow({ column, first, last, dispatch }: { column: DraftColumn; first: boolean; last: boolean; dispatch: Dispatch<DraftAction> }) {
  const { t } = useTranslation();
  const label = labelOf(column, t);
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" py={4} component="li">
      <Text size="sm" truncate>
        {label}
      </Text>
      <Group gap={2} wrap="nowrap">
        <ActionIcon variant="subtle" disabled={first} onClick={() => dispatch({ type: "moveField", uid: column.uid, delta: -1 })} aria-label={t("designer.form.moveUp", { label })}>
          <IconArrowUp size={16} />
        </ActionIcon>
        <ActionIcon variant="subtle" disabled={last} onClick={() => dispatch({ type: "moveField", uid: column.uid, delta: 1 })} aria-label={t("designer.form.moveDown", { label })}>
          <IconArrowDown size={16} />
        </ActionIcon>
        <ActionIcon variant="subtle" color="gray" onClick={() => dispatch({ type: "hideField", uid: column.uid })} aria-label={t("designer.form.hide", { label })}>
          <IconEyeOff size={16} />
        </ActionIcon>
      </Group>
    </Group>
  );
}

/** Sections and the order of fields, drag-free, with a live preview. */
export function FormTab({ state, dispatch, errors, timeZone, slug }: FormTabProps) {
  const { t } = useTranslation();
  const byUid = new Map(state.columns.map((column) => [column.uid, column]));
  const hidden = hiddenColumns(state);
  const [tried, setTried] = useState<Record<string, InputValue>>({});

  // The preview keys fields by uid, so a column without a key yet shows too.
  const previewSections = state.sections.map((section) => ({
    title: section.title,
    columns: section.fields
      .map((id) => byUid.get(id))
      .filter((column): column is DraftColumn => !!column)
      .map((column): Column => ({ ...column, key: column.uid, default: null, label: labelOf(column, t) })),
  }));
  const previewValues = Object.fromEntries(state.columns.map((column) => [column.uid, tried[column.uid] ?? column.defaultInput]));

  if (!state.columns.length) return <Text c="dimmed">{t("designer.form.noColumns")}</Text>;

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Stack gap="md">
        <Text c="dimmed" size="sm">
          {t("designer.form.intro")}
        </Text>
        <ProblemAlert message={errors.length ? errors.join(" ") : null} />
        {state.sections.map((section, index) => (
          <Paper key={section.uid} withBorder p="md" radius="md">
            <Stack gap="xs">
              <Group align="flex-end" wrap="nowrap" gap="xs">
                <TextInput
                  label={t("designer.form.sectionTitle")}
                  description={t("designer.form.sectionHeading", { number: index + 1 })}
                  value={section.title}
                  onChange={(event) => dispatch({ type: "renameSection", uid: section.uid, title: event.currentTarget.value })}
                  style={{ flex: 1 }}
                />
                {state.sections.length > 1 && (
                  <ActionIcon variant="subtle" color="red" size="lg" onClick={() => dispatch({ type: "removeSection", uid: section.uid })} aria-label={t("designer.form.removeSection", { number: index + 1 })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
              {section.fields.length ? (
                <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
                  {section.fields.map((id, position) => {
                    const column = byUid.get(id);
                    if (!column) return null;
                    // At a section's edge a field moves into the neighbouring section.
                    const first = position === 0 && index === 0;
                    const last = position === section.fields.length - 1 && index === state.sections.length - 1;
                    return <FieldRow key={id} column={column} first={first} last={last} dispatch={dispatch} />;
                  })}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("designer.form.emptySection")}
                </Text>
              )}
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button variant="light" leftSection={<IconPlus />} onClick={() => dispatch({ type: "addSection" })}>
            {t("designer.form.addSection")}
          </Button>
        </Group>
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t("designer.form.hidden")}
          </Title>
          {hidden.length ? (
            <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
              {hidden.map((column) => (
                <Group key={column.uid} justify="space-between" component="li" py={4}>
                  <Text size="sm" c="dimmed">
                    {labelOf(column, t)}
                  </Text>
                  <Button variant="subtle" size="xs" leftSection={<IconEye size={14} />} onClick={() => dispatch({ type: "showField", uid: column.uid })} aria-label={t("designer.form.show", { label: labelOf(column, t) })}>
                    {t("designer.form.showShort")}
                  </Button>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t("designer.form.noHidden")}
            </Text>
          )}
        </Stack>
      </Stack>
      <Stack gap="xs">
        <Heading level={2} title={t("designer.form.preview")} intro={t("designer.form.previewHint")} />
        <Paper withBorder p="md" radius="md" bg="var(--loom-surface)">
          <RecordFields
            sections={previewSections}
            values={previewValues}
            onChange={(column, value) => setTried((current) => ({ ...current, [column.key]: value }))}
            timeZone={timeZone}
            slug={slug}
          />
        </Paper>
      </Stack>
    </SimpleGrid>
  );
}
