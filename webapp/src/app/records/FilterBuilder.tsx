import { ActionIcon, Alert, Button, Group, Paper, SegmentedControl, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ColumnTypeInfo } from "../../api/types";
import { IconPlus, IconTrash } from "../components/icons";
import { LabelledSelect } from "../components/LabelledSelect";
import {
  addToGroup,
  chooseColumn,
  newCondition,
  newGroup,
  operatorsForField,
  removeNode,
  updateNode,
  type FilterCondition,
  type FilterField,
  type FilterGroup,
} from "./filters";
import { ErrorText } from "./ErrorText";
import { FilterValueInput } from "./FilterValueInput";

interface FilterBuilderProps {
  id?: string;
  value: FilterGroup;
  onChange: (value: FilterGroup) => void;
  fields: FilterField[];
  known?: ColumnTypeInfo[];
  onApply: () => void;
  onClear: () => void;
  /** Messages per condition id (client checks and the server's 422). */
  conditionErrors: Record<string, string>;
  /** Messages about the filter as a whole. */
  generalErrors: string[];
}

interface RowProps {
  condition: FilterCondition;
  root: FilterGroup;
  props: FilterBuilderProps;
}

function ConditionRow({ condition, root, props }: RowProps) {
  const { t } = useTranslation();
  const field = props.fields.find((candidate) => candidate.key === condition.column);
  const error = props.conditionErrors[condition.id];
  const patch = (changes: Partial<FilterCondition>) => props.onChange(updateNode(root, condition.id, changes));
  return (
    <Stack gap={2}>
      <Group gap="xs" align="flex-start" wrap="wrap">
        <LabelledSelect
          label={t("filters.column")}
          hideLabel
          placeholder={t("filters.chooseColumn")}
          data={props.fields.map((candidate) => ({ value: candidate.key, label: candidate.label }))}
          value={condition.column}
          onChange={(key) => {
            const next = props.fields.find((candidate) => candidate.key === key);
            if (next) props.onChange(updateNode(root, condition.id, chooseColumn(condition, next, props.known)));
          }}
          allowDeselect={false}
          searchable
          w={190}
        />
        {field && (
          <LabelledSelect
            label={t("filters.operator")}
            hideLabel
            data={operatorsForField(field, props.known).map((op) => ({ value: op, label: t(`operators.${op}`) }))}
            value={condition.op}
            onChange={(op) => op && patch({ op: op as FilterCondition["op"] })}
            allowDeselect={false}
            w={160}
          />
        )}
        {field && <FilterValueInput field={field} condition={condition} onChange={patch} error={!!error} />}
        <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => props.onChange(removeNode(root, condition.id))} aria-label={t("filters.removeCondition")}>
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
      <ErrorText>{error}</ErrorText>
    </Stack>
  );
}

function GroupBox({ group, root, props, depth }: { group: FilterGroup; root: FilterGroup; props: FilterBuilderProps; depth: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t("filters.match")}
          </Text>
          <SegmentedControl
            size="xs"
            value={group.combinator}
            onChange={(combinator) => props.onChange(updateNode(root, group.id, { combinator: combinator === "or" ? "or" : "and" }))}
            data={[
              { value: "and", label: t("filters.all") },
              { value: "or", label: t("filters.any") },
            ]}
          />
        </Group>
        {depth > 0 && (
          <Button variant="subtle" color="gray" size="compact-sm" onClick={() => props.onChange(removeNode(root, group.id))}>
            {t("filters.removeGroup")}
          </Button>
        )}
      </Group>
      {group.children.map((child) =>
        child.kind === "group" ? (
          <Paper key={child.id} withBorder p="sm" radius="md" bg="var(--loom-surface)">
            <GroupBox group={child} root={root} props={props} depth={depth + 1} />
          </Paper>
        ) : (
          <ConditionRow key={child.id} condition={child} root={root} props={props} />
        ),
      )}
      <Group gap="xs">
        <Button variant="light" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => props.onChange(addToGroup(root, group.id, newCondition()))}>
          {t("filters.addCondition")}
        </Button>
        {depth === 0 && (
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => props.onChange(addToGroup(root, group.id, newGroup("or", [newCondition()])))}>
            {t("filters.addGroup")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Conditions in AND/OR groups; nothing applies until "Apply filters". */
export function FilterBuilder(props: FilterBuilderProps) {
  const { t } = useTranslation();
  return (
    <Paper id={props.id} withBorder p="md" radius="md" component="section" aria-label={t("filters.title")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onApply();
        }}
        noValidate
      >
        <Stack gap="sm">
          <GroupBox group={props.value} root={props.value} props={props} depth={0} />
          {props.generalErrors.length > 0 && (
            <Alert color="red" variant="light" role="alert">
              {props.generalErrors.join(" ")}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClear}>
              {t("filters.clear")}
            </Button>
            <Button type="submit">{t("filters.apply")}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
