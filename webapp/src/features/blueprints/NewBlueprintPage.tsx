import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { TenantGate } from "../../app/components/TenantGate";
import { paths } from "../../app/paths";
import { useCreateBlueprint } from "../../api/queries/blueprints";

const FIELDS = ["name", "description"] as const;

function NewBlueprintForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateBlueprint(slug);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: "", description: "" },
    validate: { name: (value: string) => (value.trim() ? null : t("blueprints.create.nameRequired")) },
  });

  const submit = form.onSubmit((values) => {
    setProblem(null);
    create.mutate(
      { name: values.name.trim(), description: values.description.trim() },
      {
        onSuccess: (blueprint) => void navigate(paths.design(slug, blueprint.key)),
        onError: (error) => {
          const result = formProblem(error, FIELDS, t);
          form.setErrors(result.fieldErrors);
          setProblem(result.message);
        },
      },
    );
  });

  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Title order={1}>{t("blueprints.create.title")}</Title>
        <Text c="dimmed">{t("blueprints.create.intro")}</Text>
      </Stack>
      <ProblemAlert message={problem} />
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t("blueprints.create.name")}
              placeholder={t("blueprints.create.namePlaceholder")}
              autoComplete="off"
              autoFocus
              {...form.getInputProps("name")}
            />
            <Textarea
              label={t("blueprints.create.description")}
              placeholder={t("blueprints.create.descriptionPlaceholder")}
              autosize
              minRows={2}
              {...form.getInputProps("description")}
            />
            <Group justify="flex-end">
              <Button component={Link} to={paths.blueprints(slug)} variant="default">
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t("blueprints.create.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

export function NewBlueprintPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  useDocumentTitle(`${t("blueprints.create.title")} · Loom`);
  return <TenantGate slug={slug}>{() => <NewBlueprintForm slug={slug} />}</TenantGate>;
}
