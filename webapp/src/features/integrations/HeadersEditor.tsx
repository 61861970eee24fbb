import { ActionIcon, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Heading } from "../../app/components/Heading";

export interface HeaderRow {
  name: string;
  value: string;
}

interface HeadersEditorProps {
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  /** Names of the headers saved before (their values are never shown again). */
  saved: string[];
  error?: string | null;
}

/** Extra headers sent with every call, such as the Authorization a receiver expects. */
export function HeadersEditor({ rows, onChange, saved, error }: HeadersEditorProps) {
  const { t } = useTranslation();
  const set = (index: number, change: Partial<HeaderRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Heading level={3} size="h4" title={t("integrations.hooks.headersTitle")} intro={t("integrations.hooks.headersHelp")} />
        {saved.length > 0 && <Text size="sm">{t("integrations.hooks.headersKept", { names: saved.join(", ") })}</Text>}
      </Stack>
      {rows.map((row, index) => (
        <Group key={index} gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            label={t("integrations.hooks.headerName")}
            placeholder="Authorization"
            value={row.name}
            onChange={(event) => set(index, { name: event.currentTarget.value })}
            style={{ flex: 1 }}
            autoComplete="off"
          />
          <TextInput
            label={t("integrations.hooks.headerValue")}
            value={row.value}
            onChange={(event) => set(index, { value: event.currentTarget.value })}
            style={{ flex: 2 }}
            autoComplete="off"
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mb={2}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
            aria-label={t("integrations.hooks.removeHeader", { index: index + 1 })}
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
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...rows, { name: "", value: "" }])}>
          {t("integrations.hooks.addHeader")}
        </Button>
      </Group>
    </Stack>
  );
}
