import { Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

export interface Details {
  name: string;
  description: string;
}

interface DetailsTabProps {
  details: Details;
  onChange: (details: Details) => void;
  errors: { name: string | null; description: string | null };
}

/** The blueprint's name and description, saved with the draft. */
export function DetailsTab({ details, onChange, errors }: DetailsTabProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={640}>
      <Text size="sm" c="dimmed">
        {t("designer.details.hint")}
      </Text>
      <TextInput
        label={t("designer.details.name")}
        value={details.name}
        onChange={(event) => onChange({ ...details, name: event.currentTarget.value })}
        error={errors.name}
      />
      <Textarea
        label={t("designer.details.description")}
        value={details.description}
        onChange={(event) => onChange({ ...details, description: event.currentTarget.value })}
        error={errors.description}
        autosize
        minRows={2}
      />
    </Stack>
  );
}
