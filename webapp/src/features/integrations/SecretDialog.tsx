import { useTranslation } from "react-i18next";
import { SecretOnceDialog } from "../../app/components/SecretOnce";

interface SecretDialogProps {
  title: string;
  body: string;
  /** What the secret is ("API key", "Signing secret"): its label for screen readers and tests. */
  label: string;
  secret: string | null;
  onClose: () => void;
}

/** A new API key or hook secret, shown this once, with the integrations' words for copying and the warning. */
export function SecretDialog({ title, body, label, secret, onClose }: SecretDialogProps) {
  const { t } = useTranslation();
  const texts = {
    title,
    body,
    label,
    copy: t("integrations.secret.copy"),
    copied: t("integrations.secret.copied"),
    once: t("integrations.secret.once"),
    done: t("integrations.secret.done"),
  };
  return <SecretOnceDialog secret={secret} texts={texts} onClose={onClose} />;
}
