import { Button, Paper, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Tenant, TenantInput } from "../../api/types";
import { FormCard } from "../../app/components/FormCard";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useFormProblem } from "../../app/components/useFormProblem";
import { useMeta } from "../../app/meta";
import { useUpdateTenant } from "../../api/queries/tenants";
import { canManage } from "../../app/roles";
import { useSettingsTenant } from "../../app/shell/SettingsLayout";
import { TENANT_FIELDS, TenantFields, tenantValidation } from "./TenantFields";

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

  const form = useForm<TenantInput>({
    initialValues: {
      name: tenant.name,
      slug: tenant.slug,
      timezone: tenant.timezone,
      language: tenant.language,
    },
    validate: tenantValidation(t),
  });
  const problem = useFormProblem(form, TENANT_FIELDS);

  const submit = form.onSubmit((values) => {
    problem.clear();
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
      onError: problem.show,
    });
  });

  return (
    <Stack gap="lg" maw={640}>
      <ProblemAlert message={problem.problem} />
      <FormCard
        onSubmit={submit}
        gap="lg"
        actions={
          <Button type="submit" loading={update.isPending}>
            {t("tenants.settings.submit")}
          </Button>
        }
      >
        <TenantFields form={form} meta={meta} />
      </FormCard>
    </Stack>
  );
}

/** What members who cannot change the settings see: the values, and who can change them. */
function SettingsSummary({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const language = meta.languages.find((l) => l.code === tenant.language)?.name ?? tenant.language;
  const rows = [
    [t("tenants.form.name"), tenant.name],
    [t("tenants.form.slug"), `${window.location.origin}/t/${tenant.slug}`],
    [t("tenants.form.timezone"), tenant.timezone],
    [t("tenants.form.language"), language],
  ];
  return (
    <Stack gap="md" maw={640}>
      <Text c="dimmed">{t("tenants.settings.readOnly")}</Text>
      <Paper withBorder p="lg" radius="md">
        <Stack component="dl" gap="sm" m={0}>
          {rows.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="sm" c="dimmed">
                {label}
              </Text>
              <Text component="dd" m={0}>
                {value}
              </Text>
            </div>
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** `/t/:slug/settings`: name, address, timezone and language of the workspace. */
export function TenantSettingsPage() {
  const { t } = useTranslation();
  const tenant = useSettingsTenant();
  useDocumentTitle(`${t("tenants.settings.title")} · Loom`);
  if (!canManage(tenant)) return <SettingsSummary tenant={tenant} />;
  return <SettingsForm tenant={tenant} />;
}
