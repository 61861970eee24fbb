import { Button, Group, Stack } from "@mantine/core";
import { useMemo, type Dispatch } from "react";
import { useTranslation } from "react-i18next";
import type { BlueprintSummary } from "../../api/blueprints";
import { EmptyState } from "../../app/components/EmptyState";
import { IconPlus } from "../../app/components/icons";
import { ColumnCard } from "./ColumnCard";
import { columnWarnings } from "./columnWarnings";
import type { DraftAction, DraftState } from "./draft";
import { SystemColumns } from "./SystemColumns";

interface ColumnsTabProps {
  state: DraftState;
  dispatch: Dispatch<DraftAction>;
  errors: Record<string, Record<string, string>>;
  linkable: BlueprintSummary[];
  timeZone: string;
  slug: string;
  /** The column the error banner asked to show, and how often it was asked. */
  jump?: { uid: string; count: number } | null;
}

const NO_ERRORS: Record<string, string> = {};

export function ColumnsTab({ state, dispatch, errors, linkable, timeZone, slug, jump }: ColumnsTabProps) {
  const { t } = useTranslation();
  const warnings = useMemo(() => columnWarnings(state.columns), [state.columns]);
  const add = (
    <Button leftSection={<IconPlus />} onClick={() => dispatch({ type: "addColumn" })}>
      {t("designer.columns.add")}
    </Button>
  );
  if (!state.columns.length) {
    return (
      <Stack gap="md">
        <SystemColumns />
        <EmptyState title={t("designer.columns.empty")} order={2} action={add}>
          {t("designer.columns.emptyBody")}
        </EmptyState>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <SystemColumns />
      {state.columns.map((column, index) => (
        <ColumnCard
          key={column.uid}
          column={column}
          index={index}
          count={state.columns.length}
          dispatch={dispatch}
          errors={errors[column.uid] ?? NO_ERRORS}
          linkable={linkable}
          timeZone={timeZone}
          slug={slug}
          warning={warnings[column.uid]}
          jump={jump?.uid === column.uid ? jump.count : 0}
        />
      ))}
      <Group>{add}</Group>
    </Stack>
  );
}
