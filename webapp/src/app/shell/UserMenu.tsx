import { ActionIcon, Menu, useMantineColorScheme, type MantineColorScheme } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { logout } from "../../api/auth";
import { useSession } from "../useSession";
import { IconUser } from "../components/icons";

const SCHEMES: { value: MantineColorScheme; label: string }[] = [
  { value: "auto", label: "shell.schemeAuto" },
  { value: "light", label: "shell.schemeLight" },
  { value: "dark", label: "shell.schemeDark" },
];

/**
 * The account menu: who is signed in, the account page, light/dark/system appearance (kept in
 * this browser, see App.tsx) and signing out. Only menu items and labels sit in the menu, so
 * screen readers find a well-formed menu.
 */
export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const [signingOut, setSigningOut] = useState(false);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await logout();
    } catch {
      // The session is forgotten here whatever the server said.
    } finally {
      void navigate("/signin", { replace: true });
    }
  };

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" size="lg" radius="xl" aria-label={t("shell.accountMenu")}>
          <IconUser />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {t("shell.signedInAs")}{" "}
          <span style={{ display: "block", overflowWrap: "anywhere", fontWeight: 500, color: "var(--mantine-color-text)" }}>
            {user?.email}
          </span>
        </Menu.Label>
        <Menu.Item component={Link} to="/account">
          {t("account.nav")}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t("shell.appearance")}</Menu.Label>
        <Menu.RadioGroup value={colorScheme} onChange={(value) => setColorScheme(value as MantineColorScheme)}>
          {SCHEMES.map((scheme) => (
            <Menu.RadioItem key={scheme.value} value={scheme.value} closeMenuOnClick={false}>
              {t(scheme.label)}
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
        <Menu.Divider />
        <Menu.Item disabled={signingOut} onClick={() => void signOut()}>
          {t("shell.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
