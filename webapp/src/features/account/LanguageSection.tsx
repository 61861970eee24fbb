import { NativeSelect } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { User } from "../../api/types";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useSaveLanguage } from "../../app/useSaveLanguage";
import i18n, { changeLanguage, forgetStoredLanguage, isUiLanguage, UI_LANGUAGES } from "../../i18n";
import { AccountSection } from "./AccountSection";

/**
 * The person's language for Loom's pages and emails. Empty ("same as the workspace / browser")
 * until they choose: then each workspace's language applies, else the browser's.
 */
export function LanguageSection({ user }: { user: User }) {
  const { t } = useTranslation();
  // i18n.t, not t: the message is in the language just chosen.
  const save = useSaveLanguage(() => notifications.show({ message: i18n.t("account.language.saved"), color: "green" }));
  const chosen = save.isPending ? (save.variables ?? "") : (user.language ?? "");

  const choose = async (value: string) => {
    const language = isUiLanguage(value) ? value : null;
    // This browser's saved choice first, with its texts loaded: the pages follow once the account has it.
    if (language) await changeLanguage(language);
    else forgetStoredLanguage();
    save.mutate(language);
  };

  return (
    <AccountSection id="language-title" title={t("account.language.title")} intro={t("account.language.intro")}>
      <NativeSelect
        label={t("account.language.label")}
        value={chosen}
        aria-busy={save.isPending}
        onChange={(event) => void choose(event.currentTarget.value)}
        data={[
          { value: "", label: t("account.language.auto") },
          ...UI_LANGUAGES.map((language) => ({ value: language.code, label: language.name })),
        ]}
        maw={360}
      />
      <ProblemAlert message={save.isError ? describeError(save.error, t) : null} />
    </AccountSection>
  );
}
