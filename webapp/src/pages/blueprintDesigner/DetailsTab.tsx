import { Stack, Switch, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useBlueprint, useUpdateBlueprint } from "../../api/queries/blueprints";

export interface Details {
  name: string;
  description: string;
}

interface DetailsTabProps {
  details: Details;
  onChange: (details: Details) => void;
  errors: { name: string | null; description: string | null };
}

/**
 * Whether people may edit by hand the fields the blueprint's published flows
 * set. A setting of the blueprint, not of its draft: it is saved at once, and
 * the server keeps the draft's lock as it is, so unsaved columns still save.
 */
function FlowFieldsSwitch() {
  const { t } = useTranslation();
  const { slug = "", key = "" } = useParams();
  const blueprint = useBlueprint(slug, key);
  const update = useUpdateBlueprint(slug, key);
  const [problem, setProblem] = useState<string | null>(null);
  const saved = blueprint.data?.flow_fields_editable ?? false;
  const checked = update.isPending ? (update.variables.flow_fields_editable ?? saved) : saved;
  if (!blueprint.data) return null;
  const lockVersion = blueprint.data.lock_version;

  const change = (allowed: boolean) => {
    setProblem(null);
    update.mutate(
      { lock_version: lockVersion, flow_fields_editable: allowed },
      {
        onSuccess: () =>
          notifications.show({ message: t(allowed ? "recordState.editableSaved" : "recordState.editableOffSaved"), color: "green" }),
        onError: (error) =>
          setProblem(error instanceof ApiError && error.status === 409 ? t("designer.conflict") : describeError(error, t)),
      },
    );
  };

  return (
    <Stack gap="xs">
      {/* Not disabled while saving: that would drop the keyboard's focus; a second press waits instead. */}
      <Switch
        checked={checked}
        aria-busy={update.isPending}
        onChange={(event) => {
          if (!update.isPending) change(event.currentTarget.checked);
        }}
        // The label wraps the description too; the name is the label alone, the description describes.
        aria-label={t("recordState.editableLabel")}
        label={t("recordState.editableLabel")}
        description={t("recordState.editableHelp")}
      />
      <ProblemAlert message={problem} />
    </Stack>
  );
}

/** The blueprint's name and description, saved with the draft, and whether people may edit fields that flows set. */
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
      <FlowFieldsSwitch />
    </Stack>
  );
}
