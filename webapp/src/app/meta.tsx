import { Button, Center, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getMeta } from "../api/meta";
import type { Meta } from "../api/types";
import { PageLoader } from "./components/PageLoader";
import { initSentry } from "./sentry";

export const metaQuery = {
  queryKey: ["meta"] as const,
  queryFn: () => getMeta(),
  staleTime: Infinity,
  gcTime: Infinity,
};

/** Loads /api/meta (environment, support address, languages...) before the app renders. */
export function MetaGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const query = useQuery(metaQuery);
  if (query.data) {
    initSentry(query.data);
    return <>{children}</>;
  }
  if (query.isError) {
    return (
      <Center mih="100vh" p="md">
        <Stack align="center" gap="sm" role="alert">
          <Text fw={600}>{t("common.metaFailed")}</Text>
          <Text c="dimmed">{t("common.networkError")}</Text>
          <Button onClick={() => void query.refetch()} loading={query.isFetching}>
            {t("common.retry")}
          </Button>
        </Stack>
      </Center>
    );
  }
  return <PageLoader fullHeight />;
}

/** The server's settings; only for components below MetaGate. */
export function useMeta(): Meta {
  const { data } = useQuery(metaQuery);
  if (!data) throw new Error("useMeta() needs MetaGate above it");
  return data;
}
