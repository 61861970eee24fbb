import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/errors";
import { describeError } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { useBlueprint, useBlueprintVersion } from "../../api/queries/blueprints";
import { FilterBuilder } from "../../app/records/FilterBuilder";
import { filterFromJson } from "../../app/records/filterJson";
import { emptyFilter, mapFilterErrors, serializeFilter, type FilterGroup } from "../../app/records/filters";
import { filterFields, gridColumns } from "../../app/records/gridColumns";

interface FieldFilterProps {
  id: string;
  slug: string;
  timeZone: string;
  blueprintKey: string;
  /** The filter in force when the panel opens (from the page's address), serialized. */
  initial: string | null;
  /** The serialized JSON tree, or null for no filter. */
  onApply: (filter: string | null) => void;
  /** The inbox's 422 messages (`filter.0.value` ...), placed on their conditions. */
  serverErrors: FieldErrors | null;
}

/** Conditions on the fields of the chosen blueprint's records (its published version), as on the records grid. */
export function FieldFilter({ id, slug, timeZone, blueprintKey, initial, onApply, serverErrors }: FieldFilterProps) {
  const { t } = useTranslation();
  const meta = useMeta();
  const blueprint = useBlueprint(slug, blueprintKey);
  const version = useBlueprintVersion(slug, blueprintKey, blueprint.data?.published_version?.number);
  const fields = useMemo(() => filterFields(gridColumns(version.data?.columns ?? [], t)), [version.data, t]);
  const [draft, setDraft] = useState<FilterGroup>(emptyFilter);
  const [paths, setPaths] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  // Once the fields are known, the conditions in force show in the builder.
  const restored = useRef(false);
  useEffect(() => {
    if (!version.data || restored.current) return;
    restored.current = true;
    if (!initial) return;
    const tree = filterFromJson(initial, fields, timeZone);
    setDraft(tree);
    setPaths(serializeFilter(tree, fields, timeZone).paths);
  }, [version.data, fields]);
  const loadError = blueprint.error ?? version.error;
  if (loadError) return <ProblemAlert message={describeError(loadError, t)} />;
  if (blueprint.data && !blueprint.data.published_version) return null;
  if (!version.data) return <PageLoader />;

  const fromServer = serverErrors ? mapFilterErrors(serverErrors, paths) : null;
  const apply = () => {
    const result = serializeFilter(draft, fields, timeZone);
    const found = Object.fromEntries(Object.entries(result.problems).map(([key, problem]) => [key, t(`values.problems.${problem}`)]));
    setProblems(found);
    if (Object.keys(found).length) return;
    setPaths(result.paths);
    onApply(result.tree ? JSON.stringify(result.tree) : null);
  };
  const clear = () => {
    setDraft(emptyFilter());
    setProblems({});
    onApply(null);
  };

  return (
    <FilterBuilder
      id={id}
      value={draft}
      onChange={setDraft}
      fields={fields}
      known={meta.column_types}
      onApply={apply}
      onClear={clear}
      conditionErrors={{ ...(fromServer?.conditions ?? {}), ...problems }}
      generalErrors={fromServer?.general ?? []}
    />
  );
}
