import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import type { Flow } from "../../../api/flows";
import { formProblem } from "../../../app/components/errors";
import { DescriptionField } from "../../../app/components/DescriptionField";
import { ProblemAlert } from "../../../app/components/ProblemAlert";

const FIELDS = ["name", "description"] as const;

interface Values {
  name: string;
  description: string;
}

interface FlowDetailsDialogProps {
  flow: Flow;
  /** Saves the changed details with the draft's lock version (see useFlowDraft). */
  save: (changes: Partial<Values>) => Promise<Flow>;
  onClose: () => void;
}

/** Rename a flow and change its description; the drawing is left as it is. */
export function FlowDetailsDialog({ flow, save, onClose }: FlowDetailsDialogProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<Values>({
    initialValues: { name: flow.name, description: flow.description ?? "" },
    validate: { name: (value) => (value.trim() ? null : t("flows.create.nameRequired")) },
  });

  const submit = form.onSubmit(async (values) => {
    const changes: Partial<Values> = {};
    if (values.name.trim() !== flow.name) changes.name = values.name.trim();
    if (values.description.trim() !== (flow.description ?? "")) changes.description = values.description.trim();
    if (!Object.keys(changes).length) return onClose();
    setProblem(null);
    setSaving(true);
    try {
      await save(changes);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setProblem(t("flows.details.conflict"));
      } else {
        const result = formProblem(error, FIELDS, t);
        form.setErrors(result.fieldErrors);
        setProblem(result.message);
      }
    } finally {
      setSaving(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t("flows.details.title")} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ProblemAlert message={problem} />
          <TextInput label={t("flows.create.name")} required data-autofocus {...form.getInputProps("name")} />
          <DescriptionField
            label={t("flows.create.description")}
            placeholder={t("flows.create.descriptionPlaceholder")}
            {...form.getInputProps("description")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={saving}>
              {t("flows.details.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
