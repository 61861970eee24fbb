import { useTranslation } from "react-i18next";
import { ChoiceFilter } from "../ChoiceFilter";

/** "true" / "false" from the address; anything else is "all". */
export function enabledFilter(value: string): boolean | null {
  return value === "true" ? true : value === "false" ? false : null;
}

/** The on/off switch of an endpoints list, kept in the address ("enabled"). */
export function EnabledFilter() {
  const { t } = useTranslation();
  return (
    <ChoiceFilter
      param="enabled"
      label={t("admin.hooks.show")}
      choices={[
        { value: "all", label: t("admin.hooks.all") },
        { value: "true", label: t("admin.hooks.on") },
        { value: "false", label: t("admin.hooks.off") },
      ]}
    />
  );
}
