import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The friendly page shown when the app itself failed; it needs no router. */
export function CrashPage() {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md">
      <Stack align="center" gap="sm" maw={480} ta="center" role="alert">
        <Title order={1} size="h2">
          {t("pages.crash.title")}
        </Title>
        <Text c="dimmed">{t("pages.crash.body")}</Text>
        <Button onClick={() => window.location.reload()}>{t("pages.crash.reload")}</Button>
      </Stack>
    </Center>
  );
}
