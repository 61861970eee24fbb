import { Stack, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import type { TFunction } from "i18next";
import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Meta, TenantInput } from "../../api/types";
import { LabelledSelect } from "./LabelledSelect";
import { isValidSlug } from "../../app/slug";

export const TENANT_FIELDS = ["name", "slug", "timezone", "language"] as const;

/** Client-side checks; the server checks again and its messages win. */
export function tenantValidation(t: TFunction) {
  return {
    name: (value: string) => (value.trim() ? null : t("tenants.form.nameRequired")),
    slug: (value: string) => (isValidSlug(value) ? null : t("tenants.form.slugInvalid")),
    timezone: (value: string) => (value ? null : t("tenants.form.timezoneRequired")),
    language: (value: string) => (value ? null : t("tenants.form.languageRequired")),
  };
}

interface TenantFieldsProps {
  form: UseFormReturnType<TenantInput>;
  meta: Meta;
  /** Called with the typed name; by default it only sets the name. */
  onNameChange?: (name: string) => void;
  /** Called when the user types into the slug field. */
  onSlugEdit?: () => void;
  autoFocus?: boolean;
}

/** Name, slug, timezone and language: shared by "New workspace" and the settings. */
export function TenantFields({ form, meta, onNameChange, onSlugEdit, autoFocus }: TenantFieldsProps) {
  const { t } = useTranslation();
  const slug = form.values.slug;
  const url = `${window.location.origin}/t/${slug}`;

  const changeName = (event: ChangeEvent<HTMLInputElement>) => {
    const name = event.currentTarget.value;
    if (onNameChange) onNameChange(name);
    else form.setFieldValue("name", name);
  };
  const changeSlug = (event: ChangeEvent<HTMLInputElement>) => {
    onSlugEdit?.();
    form.setFieldValue("slug", event.currentTarget.value.toLowerCase());
  };

  return (
    <Stack gap="md">
      <TextInput
        label={t("tenants.form.name")}
        placeholder={t("tenants.form.namePlaceholder")}
        autoComplete="organization"
        autoFocus={autoFocus}
        {...form.getInputProps("name")}
        onChange={changeName}
      />
      <TextInput
        label={t("tenants.form.slug")}
        description={isValidSlug(slug) ? t("tenants.form.slugUrl", { url }) : t("tenants.form.slugHint")}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        {...form.getInputProps("slug")}
        onChange={changeSlug}
      />
      <LabelledSelect
        label={t("tenants.form.timezone")}
        description={t("tenants.form.timezoneHelp")}
        data={meta.timezones}
        searchable
        allowDeselect={false}
        nothingFoundMessage={t("tenants.form.nothingFound")}
        maxDropdownHeight={280}
        {...form.getInputProps("timezone")}
      />
      <LabelledSelect
        label={t("tenants.form.language")}
        description={t("tenants.form.languageHelp")}
        data={meta.languages.map((language) => ({ value: language.code, label: language.name }))}
        allowDeselect={false}
        {...form.getInputProps("language")}
      />
    </Stack>
  );
}
