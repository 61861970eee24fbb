import { AppShell, Container, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Outlet, useMatch } from "react-router-dom";
import { TwoFactorPrompt } from "../../features/account/TwoFactorPrompt";
import { useWorkspace } from "../../api/queries/tenants";
import { useFollowLanguage } from "../../i18n/useFollowLanguage";
import { useSession } from "../useSession";
import { BackgroundWorkButton } from "./BackgroundWorkButton";
import { Brand } from "./Brand";
import { HelpFooter } from "./HelpFooter";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { TenantNav } from "./TenantNav";
import { UserMenu } from "./UserMenu";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/** The frame of the signed-in pages: header with workspace, language and account. */
export function AppLayout() {
  const { t } = useTranslation();
  const inTenant = useMatch("/t/:slug/*");
  const slug = inTenant?.params.slug;
  // The person's language, else the workspace's, else the browser's (i18n/index.ts resolveLanguage).
  const workspace = useWorkspace(slug).data;
  useFollowLanguage(useSession().user?.language, workspace?.language);
  return (
    <AppShell header={{ height: 60 }} padding={0}>
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            <Brand />
            {slug && <WorkspaceSwitcher slug={slug} />}
          </Group>
          <Group gap="xs" wrap="nowrap">
            {slug && <BackgroundWorkButton slug={slug} />}
            <LanguageSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        {slug && <TenantNav slug={slug} />}
        <Container size="lg" py="xl">
          <TwoFactorPrompt />
          <Outlet />
        </Container>
        <HelpFooter />
      </AppShell.Main>
    </AppShell>
  );
}
