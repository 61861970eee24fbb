import { ActionIcon, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { FieldErrors } from "../../../api/errors";
import type { StepsTransition } from "../../../api/flowSteps";
import { IconArrowDown, IconArrowUp, IconTrash } from "../../../app/components/icons";
import { fieldName, stateName, updateText, whoText, type Names } from "./describe";
import { messagesAt } from "./errors";
import { RowsFooter } from "./parts";
import { HeaderRow } from "../../../app/components/HeaderRow";

interface TransitionsTableProps {
  transitions: StepsTransition[];
  stateColumn: Column | undefined;
  names: Names;
  errors: FieldErrors;
  readOnly: boolean;
  onEdit: (index: number) => void;
  onAdd: () => void;
  onMove: (index: number, by: -1 | 1) => void;
  onRemove: (index: number) => void;
}

/** One row per button: where it is offered, where it leads, who presses it and what it changes. */
export function TransitionsTable({ transitions, stateColumn, names, errors, readOnly, onEdit, onAdd, onMove, onRemove }: TransitionsTableProps) {
  const { t } = useTranslation();
  const untitled = t("flowSteps.table.untitled");
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" withTableBorder aria-label={t("flowSteps.table.title")}>
          <HeaderRow
            cells={[
              t("flowSteps.table.button"),
              t("flowSteps.table.from"),
              t("flowSteps.table.to"),
              t("flowSteps.table.who"),
              t("flowSteps.table.form"),
              t("flowSteps.table.sets"),
              t("flowSteps.table.condition"),
              { label: t("flowSteps.table.actions"), hidden: true },
            ]}
          />
          <Table.Tbody>
            {transitions.map((row, index) => {
              const problem = messagesAt(errors, `steps.transitions.${index}`);
              const label = row.label || untitled;
              return (
                <Table.Tr key={index} bg={problem ? "var(--mantine-color-red-light)" : undefined}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" fw={600}>
                        {label}
                      </Text>
                      {problem && (
                        <Text size="xs" c="red" role="note">
                          {t("flowSteps.table.problem", { message: problem })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.from.map((state) => stateName(stateColumn, state)).join(", ") || "—"}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.to ? stateName(stateColumn, row.to) : "—"}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{whoText(names, row.who)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.form.map((key) => fieldName(names, key)).join(", ") || "—"}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {row.updates.length
                        ? row.updates.map((update, i) => (
                            <Text size="sm" key={i}>
                              {updateText(names, update)}
                            </Text>
                          ))
                        : "—"}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.condition ? t("flowSteps.table.hasCondition") : "—"}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => onEdit(index)} aria-label={t("flowSteps.table.edit", { label })}>
                        {readOnly ? t("flowSteps.table.view") : t("flowSteps.table.editShort")}
                      </Button>
                      {!readOnly && (
                        <>
                          <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => onMove(index, -1)} aria-label={t("flowSteps.table.up", { label })}>
                            <IconArrowUp size={16} />
                          </ActionIcon>
                          <ActionIcon variant="subtle" color="gray" disabled={index === transitions.length - 1} onClick={() => onMove(index, 1)} aria-label={t("flowSteps.table.down", { label })}>
                            <IconArrowDown size={16} />
                          </ActionIcon>
                          <ActionIcon variant="subtle" color="red" onClick={() => onRemove(index)} aria-label={t("flowSteps.table.remove", { label })}>
                            <IconTrash size={16} />
                          </ActionIcon>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <RowsFooter empty={!transitions.length} emptyText={t("flowSteps.table.empty")} readOnly={readOnly} addLabel={t("flowSteps.table.add")} onAdd={onAdd} />
    </Stack>
  );
}
