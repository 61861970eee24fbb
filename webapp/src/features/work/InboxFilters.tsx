import { Button, Group, Radio, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/errors";
import { IconFilter } from "../../app/components/icons";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { usePublishedBlueprints } from "../../app/usePublishedBlueprints";
import { FieldFilter } from "./FieldFilter";
import { ASSIGNEE_CHOICES, DUE_CHOICES, type AssigneeChoice, type DueChoice, type InboxFilterState } from "./inboxFilters";
import { useFlowChoices } from "../../api/queries/work";

const ASSIGNEE_TEXT: Record<AssigneeChoice, string> = { all: "everyone", me: "mine", unassigned: "unassigned" };
const DUE_TEXT: Record<DueChoice, string> = { any: "anyTime", overdue: "overdue", today: "dueToday", week: "dueWeek" };

interface ChoicesProps<C extends string> {
  label: string;
  choices: readonly C[];
  /** Each choice's text, by its key under `work.inbox`. */
  texts: Record<C, string>;
  value: C;
  onChange: (value: C) => void;
}

/** One of a few choices as radio buttons in a row. */
function Choices<C extends string>({ label, choices, texts, value, onChange }: ChoicesProps<C>) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={label} value={value} onChange={(next) => onChange(next as C)}>
      <Group gap="md" mt={6}>
        {choices.map((choice) => (
          <Radio key={choice} value={choice} label={t(`work.inbox.${texts[choice]}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
}

interface InboxFiltersProps {
  slug: string;
  timeZone: string;
  value: InboxFilterState;
  onChange: (value: InboxFilterState) => void;
  fieldsOpen: boolean;
  onToggleFields: () => void;
  /** The inbox's 422 messages about the record filter. */
  filterErrors: FieldErrors | null;
}

/** Flow, blueprint, assignee and due filters; with a blueprint, conditions on its records' fields. */
export function InboxFilters({ slug, timeZone, value, onChange, fieldsOpen, onToggleFields, filterErrors }: InboxFiltersProps) {
  const { t } = useTranslation();
  const flows = useFlowChoices(slug);
  const flowItems = (flows.data?.items ?? []).filter((flow) => !value.blueprint || flow.blueprint?.key === value.blueprint);
  const { published: blueprintItems } = usePublishedBlueprints(slug);
  const set = (changes: Partial<InboxFilterState>) => onChange({ ...value, ...changes });

  const chooseBlueprint = (key: string | null) => {
    const flow = flows.data?.items.find((candidate) => candidate.key === value.flow);
    // A flow of another blueprint would match nothing; the record filter belongs to the old blueprint.
    set({ blueprint: key, filter: null, flow: key && flow && flow.blueprint?.key !== key ? null : value.flow });
  };

  return (
    <Stack gap="sm" component="section" aria-label={t("work.inbox.filters")}>
      <Group gap="md" align="flex-end" wrap="wrap">
        <LabelledSelect
          label={t("work.inbox.flow")}
          placeholder={t("work.inbox.allFlows")}
          data={flowItems.map((flow) => ({ value: flow.key, label: flow.name }))}
          value={value.flow}
          onChange={(flow) => set({ flow })}
          clearable
          searchable={flowItems.length > 8}
          w={220}
        />
        <LabelledSelect
          label={t("work.inbox.blueprint")}
          placeholder={t("work.inbox.allBlueprints")}
          data={blueprintItems.map((blueprint) => ({ value: blueprint.key, label: blueprint.name }))}
          value={value.blueprint}
          onChange={chooseBlueprint}
          clearable
          searchable={blueprintItems.length > 8}
          w={220}
        />
        {value.blueprint && (
          <Button
            variant={fieldsOpen ? "light" : "default"}
            leftSection={<IconFilter size={16} />}
            aria-expanded={fieldsOpen}
            aria-controls="inbox-field-filter"
            onClick={onToggleFields}
          >
            {t("work.inbox.fieldFilter")}
          </Button>
        )}
      </Group>
      <Group gap="xl" align="flex-start" wrap="wrap">
        <Choices
          label={t("work.inbox.assignee")}
          choices={ASSIGNEE_CHOICES}
          texts={ASSIGNEE_TEXT}
          value={value.assignee}
          onChange={(assignee) => set({ assignee })}
        />
        <Choices label={t("work.inbox.due")} choices={DUE_CHOICES} texts={DUE_TEXT} value={value.due} onChange={(due) => set({ due })} />
      </Group>
      {value.blueprint && (
        // Hidden, not dropped: the conditions stay while the panel is closed.
        <div hidden={!fieldsOpen}>
          <FieldFilter
            key={value.blueprint}
            id="inbox-field-filter"
            slug={slug}
            timeZone={timeZone}
            blueprintKey={value.blueprint}
            initial={value.filter}
            onApply={(filter) => set({ filter })}
            serverErrors={filterErrors}
          />
        </div>
      )}
    </Stack>
  );
}
