import { Alert, Anchor, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DraftColumn } from "./draft";

interface ColumnProblemsProps {
  /** Messages per column uid, per field. */
  errors: Record<string, Record<string, string>>;
  columns: readonly DraftColumn[];
  /** Shows the column: its tab, scrolled to, its first wrong field focused. */
  onJump: (uid: string) => void;
}

/** "Some columns need attention", with a link to each of them and what is wrong. */
export function ColumnProblems({ errors, columns, onJump }: ColumnProblemsProps) {
  const { t } = useTranslation();
  const named = columns
    .map((column, index) => ({ column, index, messages: Object.values(errors[column.uid] ?? {}) }))
    .filter((item) => item.messages.length);
  if (!named.length) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={t("columnCheck.bannerTitle")}>
      <Text size="sm" mb={4}>
        {t("columnCheck.bannerBody")}
      </Text>
      <List size="sm" spacing={2}>
        {named.map(({ column, index, messages }) => (
          <List.Item key={column.uid}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              fw={600}
              onClick={() => onJump(column.uid)}
            >
              {column.label.trim() || t("designer.columns.untitled", { number: index + 1 })}
            </Anchor>
            {": "}
            {messages.join(" ")}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
