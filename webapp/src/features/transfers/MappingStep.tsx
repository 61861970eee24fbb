import { Alert, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { ImportMapping, ImportUpload } from "../../api/transfers";
import { countText } from "../../app/components/count";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { duplicateTargets, SKIP, unmappedRequired } from "./mapping";
import { HeaderRow } from "../../app/components/HeaderRow";

interface MappingStepProps {
  upload: ImportUpload;
  columns: Column[];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  /** Messages from the server per CSV header. */
  errors: Record<string, string>;
}

/** Which blueprint column each CSV column fills, with a preview of the first rows. */
export function MappingStep({ upload, columns, mapping, onChange, errors }: MappingStepProps) {
  const { t } = useTranslation();
  const options = [
    ...columns.map((column) => ({ value: column.key, label: column.label })),
    { value: SKIP, label: t("transfers.skip") },
  ];
  const duplicates = duplicateTargets(mapping);
  const missing = unmappedRequired(mapping, columns);
  const labelOf = (key: string) => columns.find((column) => column.key === key)?.label ?? key;

  return (
    <Stack gap="md">
      <Text size="sm" fw={600}>
        {countText(t, "transfers.rowsToImport", upload.rows)}
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing={6} withTableBorder>
          <HeaderRow cells={[t("transfers.csvColumn"), t("transfers.blueprintColumn")]} />
          <Table.Tbody>
            {upload.headers.map((header, index) => (
              <Table.Tr key={`${header}:${index}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {header}
                  </Text>
                  {upload.sample[0]?.[index] && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {t("transfers.example", { value: upload.sample[0][index] })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <LabelledSelect
                    label={t("transfers.columnFor", { header })}
                    hideLabel
                    data={options}
                    value={mapping[header] ?? SKIP}
                    onChange={(value) => onChange({ ...mapping, [header]: !value || value === SKIP ? null : value })}
                    allowDeselect={false}
                    error={errors[header] ?? (mapping[header] && duplicates.includes(mapping[header]!) ? t("transfers.duplicate") : undefined)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {missing.length > 0 && (
        <Alert color="yellow" variant="light">
          {t("transfers.requiredMissing", { columns: missing.map((column) => column.label).join(", ") })}
        </Alert>
      )}
      {upload.sample.length > 0 && (
        <Table.ScrollContainer minWidth={Math.max(420, upload.headers.length * 120)}>
          <Table verticalSpacing={4} fz="xs" withTableBorder striped>
            <Table.Caption>{t("transfers.preview")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {upload.headers.map((header, index) => (
                  <Table.Th key={`${header}:${index}`} scope="col">
                    {header}
                    <Text span size="xs" c="dimmed" display="block">
                      {mapping[header] ? `→ ${labelOf(mapping[header]!)}` : t("transfers.skipped")}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {upload.sample.map((row, r) => (
                <Table.Tr key={r}>
                  {upload.headers.map((header, c) => (
                    <Table.Td key={`${header}:${c}`}>{row[c] ?? ""}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
