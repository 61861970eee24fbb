import { Center, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function PageLoader({ fullHeight = false }: { fullHeight?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center mih={fullHeight ? "100vh" : 200} role="status" aria-live="polite">
      <Loader size="md" role="status" aria-label={t("common.loading")} />
    </Center>
  );
}
