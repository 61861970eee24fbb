import { Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
// The grid's own filter builder, so a condition reads as a filter on the records does.
import { FilterBuilder } from "../../../app/records/FilterBuilder";
import { filterFromJson } from "../../../app/records/filterJson";
import { emptyFilter, serializeFilter, type FilterGroup } from "../../../app/records/filters";

interface ConditionInputProps {
  value: unknown;
  onChange: (value: unknown) => void;
  columns: readonly Column[];
  timeZone: string;
  error?: string;
}

/** "Only when": the button works only for records matching these conditions (none: always). */
export function ConditionInput({ value, onChange, columns, timeZone, error }: ConditionInputProps) {
  const { t } = useTranslation();
  const fields = columns.map((column) => ({ key: column.key, label: column.label || column.key, type: column.type, options: column.options }));
  const [tree, setTree] = useState<FilterGroup>(() => filterFromJson(value, fields, timeZone));
  const [problems, setProblems] = useState<Record<string, string>>({});

  const commit = (next: FilterGroup) => {
    setTree(next);
    const serialized = serializeFilter(next, fields, timeZone);
    setProblems(Object.fromEntries(Object.keys(serialized.problems).map((id) => [id, t("flowSteps.condition.incomplete")])));
    onChange(serialized.tree);
  };

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t("flowSteps.condition.label")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("flowSteps.condition.help")}
      </Text>
      <FilterBuilder
        value={tree}
        onChange={commit}
        fields={fields}
        onApply={() => commit(tree)}
        onClear={() => commit(emptyFilter())}
        conditionErrors={problems}
        generalErrors={error ? [error] : []}
      />
    </Stack>
  );
}
