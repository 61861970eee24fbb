import { AppShell, Badge, Button, Container, Group, NavLink, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router-dom";
import { logout } from "../api/auth";
import { Brand } from "../app/shell/Brand";
import { LanguageSwitcher } from "../app/shell/LanguageSwitcher";
import { useSession } from "../app/useSession";
import { adminPaths } from "./paths";
import { adminKeys } from "./queries";

const SECTIONS = [
  { key: "users", to: adminPaths.users() },
  { key: "tenants", to: adminPaths.tenants() },
  { key: "jobs", to: adminPaths.jobs() },
  { key: "hooks", to: adminPaths.hooks() },
  { key: "mail", to: adminPaths.mail() },
  { key: "audit", to: adminPaths.audit() },
] as const;

/** The back office's frame: the sections on the left, who is signed in on top. */
export function AdminLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const { pathname } = useLocation();

  const signOut = async () => {
    await logout().catch(() => undefined);
    queryClient.removeQueries({ queryKey: adminKeys.all });
    void navigate(adminPaths.login(), { replace: true });
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: "sm" }} padding={0}>
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Brand />
            <Badge variant="light" color="grape">
              {t("admin.badge")}
            </Badge>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher />
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {user?.email}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {t("admin.signOut")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("admin.nav.label")} component="nav">
        {SECTIONS.map((section) => (
          <NavLink
            key={section.key}
            component={Link}
            to={section.to}
            label={t(`admin.nav.${section.key}`)}
            active={pathname.startsWith(section.to)}
            aria-current={pathname.startsWith(section.to) ? "page" : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="lg" py="xl">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
