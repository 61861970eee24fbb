import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Heading } from "../../app/components/Heading";
import { RowsEditor } from "../../app/components/RowsEditor";

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
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Heading level={3} size="h4" title={t("integrations.hooks.headersTitle")} intro={t("integrations.hooks.headersHelp")} />
        {saved.length > 0 && <Text size="sm">{t("integrations.hooks.headersKept", { names: saved.join(", ") })}</Text>}
      </Stack>
      <RowsEditor
        rows={rows}
        onChange={onChange}
        columns={[
          { part: "name", label: t("integrations.hooks.headerName"), placeholder: "Authorization", flex: 1 },
          { part: "value", label: t("integrations.hooks.headerValue"), flex: 2 },
        ]}
        blank={{ name: "", value: "" }}
        removeLabel={(_, index) => t("integrations.hooks.removeHeader", { index: index + 1 })}
        addLabel={t("integrations.hooks.addHeader")}
        error={error}
        autoComplete="off"
      />
    </Stack>
  );
}
