import { Stack, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Heading } from "../../app/components/Heading";
import { PageLoader } from "../../app/components/PageLoader";
import { useSession } from "../../app/useSession";
import { AccountSection } from "./AccountSection";
import { formatDay } from "./format";
import { DeleteAccountSection } from "./DeleteAccountSection";
import { LanguageSection } from "./LanguageSection";
import { LinkedAccountsSection } from "./LinkedAccountsSection";
import { PasswordSection } from "./PasswordSection";
import { SessionsSection } from "./SessionsSection";
import { TaskEmailsSection } from "./TaskEmailsSection";
import { TwoFactorSection } from "./TwoFactorSection";

/** The signed-in user's own settings. */
export function AccountPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  useDocumentTitle(`${t("account.title")} · Loom`);
  if (!user) return <PageLoader />;
  return (
    <Stack gap="lg" maw={720}>
      <Heading title={t("account.title")} intro={t("account.intro")} size="h1" />
      <AccountSection id="profile-title" title={t("account.profile.title")} gap="xs">
        <Text size="sm" c="dimmed">
          {t("account.profile.email")}
        </Text>
        <Text fw={500}>{user.email}</Text>
        <Text size="sm" c="dimmed">
          {t("account.profile.since", { date: formatDay(user.created_at, i18n.language) })}
        </Text>
      </AccountSection>
      <LanguageSection user={user} />
      <TaskEmailsSection />
      <PasswordSection user={user} />
      <TwoFactorSection user={user} />
      <LinkedAccountsSection />
      <SessionsSection />
      <DeleteAccountSection user={user} />
    </Stack>
  );
}
