import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * A password input whose show/hide toggle is not named "password", so the
 * field keeps the only accessible name "Password" on the page.
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      {...props}
      visibilityToggleButtonProps={{ "aria-label": t("auth.toggleVisibility") }}
    />
  );
}

/** A field for choosing a new password: it says what a good one needs, and password managers may offer one. */
export function NewPasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return <PasswordField description={t("auth.passwordHelp")} autoComplete="new-password" {...props} />;
}
