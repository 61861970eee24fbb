import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { listEntities } from "../../api/entities";
import { LabelledSelect } from "../components/LabelledSelect";
import { useBlueprint } from "../../api/queries/blueprints";
import { recordTitle } from "./layout";

interface ReferenceSelectProps {
  slug: string;
  /** Key of the blueprint whose records can be chosen. */
  blueprint: string | undefined;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hideLabel?: boolean;
  description?: React.ReactNode;
  error?: React.ReactNode;
  disabled?: boolean;
  autoFocus?: boolean;
  onKeyDown?: React.KeyboardEventHandler<HTMLInputElement>;
}

const shortId = (id: string) => id.slice(0, 8);

/** Picks a record of another blueprint by what names it, searching as one types. */
export function ReferenceSelect({ slug, blueprint, value, onChange, ...props }: ReferenceSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const target = useBlueprint(slug, blueprint);
  const columns = target.data?.draft.columns ?? [];
  const results = useQuery({
    queryKey: ["entities", slug, "pick", blueprint, debounced],
    queryFn: ({ signal }) => listEntities(slug, { blueprint: blueprint!, q: debounced, limit: 20 }, null, signal),
    enabled: !!blueprint && !props.disabled,
  });
  const items = results.data?.items ?? [];
  const data = items.map((entity) => ({ value: entity.id, label: recordTitle(columns, entity.data) ?? shortId(entity.id) }));
  if (value && !data.some((item) => item.value === value)) data.unshift({ value, label: shortId(value) });

  return (
    <LabelledSelect
      {...props}
      data={data}
      value={value || null}
      onChange={(next) => onChange(next ?? "")}
      searchable
      clearable
      filter={({ options }) => options}
      onSearchChange={setSearch}
      placeholder={t("values.searchRecords")}
      nothingFoundMessage={t("values.noRecordsFound")}
    />
  );
}
