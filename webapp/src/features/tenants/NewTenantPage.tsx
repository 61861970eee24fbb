import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { TenantInput } from "../../api/types";
import { NewItemForm } from "../../app/components/NewItemForm";
import { useFormProblem } from "../../app/components/useFormProblem";
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
  const problem = useFormProblem(form, TENANT_FIELDS);

  const changeName = (name: string) => {
    form.setFieldValue("name", name);
    if (!slugEdited) {
      form.setFieldValue("slug", slugify(name));
      form.clearFieldError("slug");
    }
  };

  const submit = form.onSubmit((values) => {
    problem.clear();
    create.mutate(
      { ...values, name: values.name.trim() },
      {
        onSuccess: (tenant) => void navigate(`/t/${encodeURIComponent(tenant.slug)}`),
        onError: problem.show,
      },
    );
  });

  return (
    <NewItemForm
      title={t("tenants.create.title")}
      intro={t("tenants.create.intro")}
      problem={problem.problem}
      onSubmit={submit}
      cancelTo="/"
      submitLabel={t("tenants.create.submit")}
      submitting={create.isPending}
      gap="lg"
    >
      <TenantFields form={form} meta={meta} onNameChange={changeName} onSlugEdit={() => setSlugEdited(true)} autoFocus />
    </NewItemForm>
  );
}
