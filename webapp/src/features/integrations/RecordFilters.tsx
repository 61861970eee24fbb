import { Stack } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { getBlueprintVersion } from "../../api/blueprints";
import { Heading } from "../../app/components/Heading";
import { LabelledMultiSelect } from "../../app/components/LabelledSelect";
import { blueprintKeys } from "../../api/queries/blueprints";
import { usePublishedBlueprints } from "../../app/usePublishedBlueprints";

/** Which records a hook is called for: blueprint keys and column keys, none meaning every one. */
export interface RecordFilter {
  blueprints: string[];
  fields: string[];
}

interface RecordFiltersProps {
  slug: string;
  value: RecordFilter;
  onChange: (value: RecordFilter) => void;
  errors: { blueprints?: string; fields?: string };
}

/** Only some blueprints' records, and only changes to some of their columns. */
export function RecordFilters({ slug, value, onChange, errors }: RecordFiltersProps) {
  const { t } = useTranslation();
  const { blueprints, fields } = value;
  const { published } = usePublishedBlueprints(slug);
  // Columns of the chosen blueprints, or of every blueprint while none is chosen.
  const sources = blueprints.length ? published.filter((blueprint) => blueprints.includes(blueprint.key)) : published;
  const versions = useQueries({
    queries: sources.map((blueprint) => ({
      queryKey: blueprintKeys.version(slug, blueprint.key, blueprint.published_version!.number),
      queryFn: ({ signal }: { signal: AbortSignal }) => getBlueprintVersion(slug, blueprint.key, blueprint.published_version!.number, signal),
      staleTime: Infinity,
    })),
  });
  const seen = new Set<string>();
  const columnGroups = sources
    .map((blueprint, index) => ({
      group: blueprint.name,
      items: (versions[index]?.data?.columns ?? [])
        .filter((column) => !seen.has(column.key) && seen.add(column.key))
        .map((column) => ({ value: column.key, label: column.label })),
    }))
    .filter((group) => group.items.length);
  // Keys chosen before that no blueprint has now still show, so they can be removed.
  const stray = fields.filter((key) => !seen.has(key)).map((key) => ({ value: key, label: key }));
  const blueprintOptions = published.map((blueprint) => ({ value: blueprint.key, label: blueprint.name }));
  const strayBlueprints = blueprints.filter((key) => !published.some((b) => b.key === key)).map((key) => ({ value: key, label: key }));

  return (
    <Stack gap="sm">
      <Heading level={3} size="h4" title={t("integrations.hooks.filtersTitle")} intro={t("integrations.hooks.filtersHelp")} />
      <LabelledMultiSelect
        label={t("integrations.hooks.blueprints")}
        placeholder={blueprints.length ? undefined : t("integrations.hooks.blueprintsPlaceholder")}
        data={[...blueprintOptions, ...strayBlueprints]}
        value={blueprints}
        onChange={(chosen) => onChange({ ...value, blueprints: chosen })}
        error={errors.blueprints}
        searchable
        clearable
      />
      <LabelledMultiSelect
        label={t("integrations.hooks.fields")}
        description={t("integrations.hooks.fieldsHelp")}
        placeholder={fields.length ? undefined : t("integrations.hooks.fieldsPlaceholder")}
        data={stray.length ? [...columnGroups, { group: "—", items: stray }] : columnGroups}
        value={fields}
        onChange={(chosen) => onChange({ ...value, fields: chosen })}
        error={errors.fields}
        searchable
        clearable
      />
    </Stack>
  );
}
