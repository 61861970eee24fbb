import { ActionIcon, Button, Group, Text, TextInput } from "@mantine/core";

/** One text box of every row: which part of the row it edits, and how it is labelled. */
export interface RowsColumn<Row> {
  part: keyof Row;
  label: string;
  placeholder?: string;
  /** Its share of the row's width. */
  flex: number;
}

interface RowsEditorProps<Row extends Record<keyof Row, string>> {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  columns: RowsColumn<Row>[];
  /** The row "add" appends. */
  blank: Row;
  removeLabel: (row: Row, index: number) => string;
  addLabel: string;
  error?: string | null;
  /** Tighter rows with quiet buttons, for a list inside a larger form. */
  dense?: boolean;
  autoComplete?: string;
}

/** Rows of text boxes side by side, each with its remove button, then the rows' error and an add
 * button. Placed inside the caller's Stack, below its heading. */
export function RowsEditor<Row extends Record<keyof Row, string>>(props: RowsEditorProps<Row>) {
  const { rows, onChange, columns, blank, removeLabel, addLabel, error, dense = false, autoComplete } = props;
  const change = (index: number, part: keyof Row, value: string) => onChange(rows.map((row, at) => (at === index ? { ...row, [part]: value } : row)));
  return (
    <>
      {rows.map((row, index) => (
        <Group key={index} gap={dense ? "xs" : "sm"} align="flex-end" wrap="nowrap">
          {columns.map((column) => (
            <TextInput
              key={String(column.part)}
              label={column.label}
              placeholder={column.placeholder}
              value={row[column.part]}
              onChange={(event) => change(index, column.part, event.currentTarget.value)}
              style={{ flex: column.flex }}
              autoComplete={autoComplete}
            />
          ))}
          <ActionIcon
            variant="subtle"
            color={dense ? "gray" : "red"}
            size="lg"
            mb={dense ? undefined : 2}
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
            aria-label={removeLabel(row, index)}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Group gap={dense ? "xs" : undefined}>
        <Button variant={dense ? "subtle" : "default"} size="xs" onClick={() => onChange([...rows, { ...blank }])}>
          {addLabel}
        </Button>
      </Group>
    </>
  );
}
