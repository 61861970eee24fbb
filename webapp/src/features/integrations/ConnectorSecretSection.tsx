import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { showConnectorSecret } from "../../api/connectors";
import type { Tenant } from "../../api/types";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";

/**
 * The secret this workspace's "Send an HTTP request" flow steps sign with, for
 * the receivers that verify them (Standard Webhooks). It stays the same, so it
 * is fetched only when someone presses "Show", and hidden again on request.
 */
export function ConnectorSecretSection({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<string | null>(null);
  const show = useMutation({
    mutationFn: () => showConnectorSecret(tenant.slug),
    onSuccess: (result) => setSecret(result.secret),
  });
  return (
    <Stack gap="md" component="section" aria-labelledby="connector-secret-title">
      <Title order={2} size="h3" id="connector-secret-title">
        {t("integrations.connectorSecret.title")}
      </Title>
      <Text c="dimmed" maw={720}>
        {t("integrations.connectorSecret.intro")}
      </Text>
      <ProblemAlert message={show.isError ? describeError(show.error, t) : null} />
      {secret === null ? (
        <Group>
          <Button variant="default" loading={show.isPending} onClick={() => show.mutate()}>
            {t("integrations.connectorSecret.show")}
          </Button>
        </Group>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Group gap="sm" wrap="nowrap" align="center">
            <Code
              block
              aria-label={t("integrations.connectorSecret.label")}
              role="textbox"
              aria-readonly
              style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap", userSelect: "all" }}
            >
              {secret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant={copied ? "light" : "filled"} color={copied ? "green" : undefined} onClick={copy}>
                  {copied ? t("integrations.secret.copied") : t("integrations.secret.copy")}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={() => setSecret(null)}>
              {t("integrations.connectorSecret.hide")}
            </Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
