import { Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { IMPORT_DELIMITERS, IMPORT_ENCODINGS, type ImportEncoding, type ImportLocale } from "../../api/transfers";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { DELIMITER_NAMES } from "./mapping";

interface FileSettingsProps {
  encoding: ImportEncoding;
  delimiter: string;
  locale: ImportLocale;
  disabled: boolean;
  onRead: (encoding: ImportEncoding, delimiter: string) => void;
  onLocale: (locale: ImportLocale) => void;
}

/** The encoding and separator found in the file, and how it writes numbers and dates; each can be changed. */
export function FileSettings({ encoding, delimiter, locale, disabled, onRead, onLocale }: FileSettingsProps) {
  const { t } = useTranslation();
  const byName = Object.fromEntries(Object.entries(DELIMITER_NAMES).map(([value, name]) => [name, value]));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t("transfers.fileSettings")}
      </Text>
      <Text size="xs">{t("transfers.fileSettingsHint")}</Text>
      <Group grow align="flex-start" wrap="wrap">
        <LabelledSelect
          label={t("transfers.encoding")}
          data={IMPORT_ENCODINGS.map((value) => ({ value, label: t(`transfers.encodings.${value}`) }))}
          value={encoding}
          allowDeselect={false}
          disabled={disabled}
          onChange={(value) => value && value !== encoding && onRead(value as ImportEncoding, delimiter)}
        />
        <LabelledSelect
          label={t("transfers.delimiter")}
          data={IMPORT_DELIMITERS.map((value) => ({ value: DELIMITER_NAMES[value], label: t(`transfers.delimiters.${DELIMITER_NAMES[value]}`) }))}
          value={DELIMITER_NAMES[delimiter] ?? "comma"}
          allowDeselect={false}
          disabled={disabled}
          onChange={(name) => name && byName[name] !== delimiter && onRead(encoding, byName[name])}
        />
      </Group>
      <LabelledSelect
        label={t("transfers.locale")}
        description={t("transfers.localTimes")}
        data={(["en", "de"] as const).map((value) => ({ value, label: t(`transfers.locales.${value}`) }))}
        value={locale}
        allowDeselect={false}
        onChange={(value) => value && onLocale(value as ImportLocale)}
      />
    </Stack>
  );
}
