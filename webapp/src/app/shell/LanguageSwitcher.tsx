import { Button, Menu } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { changeLanguage, currentLanguage, UI_LANGUAGES, type UiLanguage } from "../../i18n";
import { IconChevronDown, IconGlobe } from "../components/icons";
import { useSaveLanguage } from "../useSaveLanguage";
import { useSession } from "../useSession";

/**
 * English / Deutsch, remembered in this browser and, when signed in, saved as the person's
 * choice on their account (pages and emails follow it). The button shows the current
 * language by name; it carries no "language" label so that the workspace form's
 * "Language" field stays the only control with that name.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = UI_LANGUAGES.find((language) => language.code === currentLanguage()) ?? UI_LANGUAGES[0];
  const signedIn = useSession().status === "signed-in";
  const save = useSaveLanguage();
  const choose = (code: UiLanguage) => {
    void changeLanguage(code);
    if (signedIn) save.mutate(code);
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconGlobe size={16} />}
          rightSection={<IconChevronDown size={14} />}
          lang={current.code}
        >
          <span className="language-name">{current.name}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("shell.displayLanguage")}</Menu.Label>
        {UI_LANGUAGES.map((language) => (
          <Menu.Item
            key={language.code}
            lang={language.code}
            aria-current={language.code === i18n.resolvedLanguage ? "true" : undefined}
            fw={language.code === current.code ? 600 : undefined}
            onClick={() => choose(language.code)}
          >
            {language.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
