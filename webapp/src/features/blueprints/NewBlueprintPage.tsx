import { TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { NewItemForm, NewItemPage } from "../../app/components/NewItemForm";
import { paths } from "../../app/paths";
import { useFormProblem } from "../../app/components/useFormProblem";
import { useCreateBlueprint } from "../../api/queries/blueprints";
import { DescriptionField } from "../../app/components/DescriptionField";

const FIELDS = ["name", "description"] as const;

function NewBlueprintForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateBlueprint(slug);
  const form = useForm({
    initialValues: { name: "", description: "" },
    validate: { name: (value: string) => (value.trim() ? null : t("blueprints.create.nameRequired")) },
  });
  const refused = useFormProblem(form, FIELDS);

  const submit = form.onSubmit((values) => {
    refused.clear();
    create.mutate(
      { name: values.name.trim(), description: values.description.trim() },
      {
        onSuccess: (blueprint) => void navigate(paths.design(slug, blueprint.key)),
        onError: refused.show,
      },
    );
  });

  return (
    <NewItemForm
      title={t("blueprints.create.title")}
      intro={t("blueprints.create.intro")}
      problem={refused.problem}
      onSubmit={submit}
      cancelTo={paths.blueprints(slug)}
      submitLabel={t("blueprints.create.submit")}
      submitting={create.isPending}
    >
      <TextInput
        label={t("blueprints.create.name")}
        placeholder={t("blueprints.create.namePlaceholder")}
        autoComplete="off"
        autoFocus
        {...form.getInputProps("name")}
      />
      <DescriptionField
        label={t("blueprints.create.description")}
        placeholder={t("blueprints.create.descriptionPlaceholder")}
        {...form.getInputProps("description")}
      />
    </NewItemForm>
  );
}

/** `/t/:slug/blueprints/new`: name and description; then the designer. */
export function NewBlueprintPage() {
  const { t } = useTranslation();
  return <NewItemPage title={t("blueprints.create.title")}>{(tenant) => <NewBlueprintForm slug={tenant.slug} />}</NewItemPage>;
}
