import { ActionIcon, Menu, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { logout } from "../../api/auth";
import { useSession } from "../useSession";
import { IconUser } from "../components/icons";

export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
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
        <Menu.Label>{t("shell.signedInAs")}</Menu.Label>
        <Text px="sm" pb="xs" size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
          {user?.email}
        </Text>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account">
          {t("account.nav")}
        </Menu.Item>
        <Menu.Item disabled={signingOut} onClick={() => void signOut()}>
          {t("shell.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
