import { Stack, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useSettingsTenant } from "../app/shell/SettingsLayout";
import { canManage } from "../app/roles";
import { ApiKeysSection } from "../features/integrations/ApiKeysSection";
import { ConnectorSecretSection } from "../features/integrations/ConnectorSecretSection";
import { HooksSection } from "../features/integrations/HooksSection";
import { AllMessagesSection } from "../features/messages/AllMessagesSection";

/** `/t/:slug/settings/integrations`: API keys, hooks, the flows' connector secret and the
 * workspace's messages, for owners and admins. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  const tenant = useSettingsTenant();
  useDocumentTitle(`${t("integrations.title")} · ${tenant.name} · Loom`);
  if (!canManage(tenant)) return <Text c="dimmed">{t("integrations.onlyManagers")}</Text>;
  return (
    <Stack gap="xl">
      <Text c="dimmed" maw={720}>
        {t("integrations.intro")}
      </Text>
      <ApiKeysSection tenant={tenant} />
      <HooksSection tenant={tenant} />
      <ConnectorSecretSection tenant={tenant} />
      <AllMessagesSection tenant={tenant} />
    </Stack>
  );
}
