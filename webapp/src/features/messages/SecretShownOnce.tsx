import { useTranslation } from "react-i18next";
import { SecretOnceDialog } from "../../app/components/SecretOnce";

/** The inbound hook's signing secret, shown this once, with a copy button. */
export function SecretShownOnce({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const texts = {
    title: t("messages.hook.secretTitle"),
    body: t("messages.hook.secretBody"),
    label: t("messages.hook.secretLabel"),
    copy: t("messages.hook.copySecret"),
    copied: t("messages.hook.copied"),
    once: t("messages.hook.secretOnce"),
    done: t("messages.hook.done"),
  };
  return <SecretOnceDialog secret={secret} texts={texts} onClose={onClose} />;
}
