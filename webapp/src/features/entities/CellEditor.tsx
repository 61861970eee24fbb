import { Box, Text } from "@mantine/core";
import { useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import { FieldInput } from "../../app/records/FieldInput";
import { storedToInput, type InputValue } from "../../app/records/values";

interface CellEditorProps {
  column: Column;
  stored: unknown;
  timeZone: string;
  slug: string;
  /** Saves the typed value; resolves to an error message, or null when saved. */
  onSave: (value: InputValue) => Promise<string | null>;
  onCancel: () => void;
}

/** The input for one cell: Enter saves, Escape cancels (Shift+Enter is a new line in long text). */
export function CellEditor({ column, stored, timeZone, slug, onSave, onCancel }: CellEditorProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState<InputValue>(() => storedToInput(column, stored, timeZone));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (next: InputValue = value) => {
    if (busy) return;
    setBusy(true);
    const message = await onSave(next);
    setBusy(false);
    setError(message);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && !(column.type === "long_text" && event.shiftKey)) {
      // Let an open options list take Enter for choosing; a second Enter saves.
      const expanded = (event.target as HTMLElement).getAttribute("aria-expanded") === "true";
      if (expanded) return;
      event.preventDefault();
      void save();
    }
  };

  return (
    <Box miw={180} onKeyDown={onKeyDown}>
      <FieldInput
        column={column}
        label={t("records.editCell", { label: column.label })}
        hideLabel
        value={value}
        onChange={(next) => {
          setValue(next);
          setError(null);
        }}
        timeZone={timeZone}
        slug={slug}
        autoFocus
        compact
        disabled={busy}
        error={error ? true : undefined}
      />
      {error && (
        <Text size="xs" c="red" role="alert" mt={2} style={{ whiteSpace: "normal" }}>
          {error}
        </Text>
      )}
    </Box>
  );
}
