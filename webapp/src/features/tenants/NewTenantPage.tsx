import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { TenantInput } from "../../api/types";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { currentLanguage } from "../../i18n";
import { defaultLanguage, defaultTimezone } from "./defaults";
import { useCreateTenant } from "../../api/queries/tenants";
import { slugify } from "../../app/slug";
import { TENANT_FIELDS, TenantFields, tenantValidation } from "./TenantFields";

export function NewTenantPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const create = useCreateTenant();
  const [problem, setProblem] = useState<string | null>(null);
  // The slug follows the name until the user types a slug of their own.
  const [slugEdited, setSlugEdited] = useState(false);
  useDocumentTitle(`${t("tenants.create.title")} · Loom`);

  const form = useForm<TenantInput>({
    initialValues: {
      name: "",
      slug: "",
      timezone: defaultTimezone(meta.timezones),
      language: defaultLanguage(meta.languages, currentLanguage()),
    },
    validate: tenantValidation(t),
  });

  const changeName = (name: string) => {
    form.setFieldValue("name", name);
    if (!slugEdited) {
      form.setFieldValue("slug", slugify(name));
      form.clearFieldError("slug");
    }
  };

  const submit = form.onSubmit((values) => {
    setProblem(null);
    create.mutate(
      { ...values, name: values.name.trim() },
      {
        onSuccess: (tenant) => void navigate(`/t/${encodeURIComponent(tenant.slug)}`),
        onError: (error) => {
          const result = formProblem(error, TENANT_FIELDS, t);
          form.setErrors(result.fieldErrors);
          setProblem(result.message);
        },
      },
    );
  });

  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Title order={1}>{t("tenants.create.title")}</Title>
        <Text c="dimmed">{t("tenants.create.intro")}</Text>
      </Stack>
      <ProblemAlert message={problem} />
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            <TenantFields
              form={form}
              meta={meta}
              onNameChange={changeName}
              onSlugEdit={() => setSlugEdited(true)}
              autoFocus
            />
            <Group justify="flex-end">
              <Button component={Link} to="/" variant="default">
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t("tenants.create.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
