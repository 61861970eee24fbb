import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useParam } from "../useParam";

/** "true" / "false" from the address; anything else is "all". */
export function enabledFilter(value: string): boolean | null {
  return value === "true" ? true : value === "false" ? false : null;
}

/** The on/off switch of an endpoints list, kept in the address ("enabled"). */
export function EnabledFilter() {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useParam("enabled");
  const chosen = enabledFilter(enabled);
  return (
    <SegmentedControl
      aria-label={t("admin.hooks.show")}
      value={chosen === null ? "all" : String(chosen)}
      onChange={(value) => setEnabled(value === "all" ? null : value)}
      data={[
        { value: "all", label: t("admin.hooks.all") },
        { value: "true", label: t("admin.hooks.on") },
        { value: "false", label: t("admin.hooks.off") },
      ]}
    />
  );
}
