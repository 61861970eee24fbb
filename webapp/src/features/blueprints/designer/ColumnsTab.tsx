import { Button, Group, Stack } from "@mantine/core";
import type { Dispatch } from "react";
import { useTranslation } from "react-i18next";
import type { BlueprintSummary } from "../../../api/blueprints";
import { EmptyState } from "../../../app/components/EmptyState";
import { IconPlus } from "../../../app/components/icons";
import { ColumnCard } from "./ColumnCard";
import type { DraftAction, DraftState } from "./draft";

interface ColumnsTabProps {
  state: DraftState;
  dispatch: Dispatch<DraftAction>;
  errors: Record<string, Record<string, string>>;
  linkable: BlueprintSummary[];
  timeZone: string;
  slug: string;
}

const NO_ERRORS: Record<string, string> = {};

export function ColumnsTab({ state, dispatch, errors, linkable, timeZone, slug }: ColumnsTabProps) {
  const { t } = useTranslation();
  const add = (
    <Button leftSection={<IconPlus />} onClick={() => dispatch({ type: "addColumn" })}>
      {t("designer.columns.add")}
    </Button>
  );
  if (!state.columns.length) {
    return (
      <EmptyState title={t("designer.columns.empty")} order={2} action={add}>
        {t("designer.columns.emptyBody")}
      </EmptyState>
    );
  }
  return (
    <Stack gap="md">
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
        />
      ))}
      <Group>{add}</Group>
    </Stack>
  );
}
