import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { Tenant, TenantInput } from "../../api/types";
import { describeError, formProblem, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { useTenant, useUpdateTenant } from "./queries";
import { TENANT_FIELDS, TenantFields, tenantValidation } from "./TenantFields";
import { TenantNotFound } from "./TenantNotFound";

/** Only the fields that differ from what the server has. */
export function changedFields(tenant: Tenant, values: TenantInput): Partial<TenantInput> {
  const changes: Partial<TenantInput> = {};
  for (const field of TENANT_FIELDS) {
    const value = field === "name" ? values[field].trim() : values[field];
    if (value !== tenant[field]) changes[field] = value;
  }
  return changes;
}

function SettingsForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const update = useUpdateTenant(tenant.slug);
  const [problem, setProblem] = useState<string | null>(null);
  const tenantPath = `/t/${encodeURIComponent(tenant.slug)}`;

  const form = useForm<TenantInput>({
    initialValues: {
      name: tenant.name,
      slug: tenant.slug,
      timezone: tenant.timezone,
      language: tenant.language,
    },
    validate: tenantValidation(t),
  });

  const submit = form.onSubmit((values) => {
    setProblem(null);
    const changes = changedFields(tenant, values);
    if (Object.keys(changes).length === 0) {
      notifications.show({ message: t("tenants.settings.unchanged"), color: "gray" });
      return;
    }
    update.mutate(changes, {
      onSuccess: (saved) => {
        const next = { name: saved.name, slug: saved.slug, timezone: saved.timezone, language: saved.language };
        form.setInitialValues(next);
        form.setValues(next);
        notifications.show({ message: t("tenants.settings.saved"), color: "green" });
        if (saved.slug !== tenant.slug) {
          void navigate(`/t/${encodeURIComponent(saved.slug)}/settings`, { replace: true });
        }
      },
      onError: (error) => {
        const result = formProblem(error, TENANT_FIELDS, t);
        form.setErrors(result.fieldErrors);
        setProblem(result.message);
      },
    });
  });

  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Anchor component={Link} to={tenantPath} size="sm">
          ← {t("tenants.settings.back")}
        </Anchor>
        <Title order={1}>{t("tenants.settings.title")}</Title>
        <Text c="dimmed">{t("tenants.settings.intro")}</Text>
      </Stack>
      <ProblemAlert message={problem} />
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            <TenantFields form={form} meta={meta} />
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending}>
                {t("tenants.settings.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

export function TenantSettingsPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const query = useTenant(slug);
  useDocumentTitle(`${t("tenants.settings.title")} · Loom`);
  if (query.isPending) return <PageLoader />;
  if (isNotFound(query.error)) return <TenantNotFound />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  // A new form per workspace, so renaming the slug starts from the saved values.
  return <SettingsForm key={query.data.id} tenant={query.data} />;
}
