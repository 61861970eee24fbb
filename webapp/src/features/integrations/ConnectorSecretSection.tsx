import { Button, Group, Paper } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { showConnectorSecret } from "../../api/connectors";
import type { Tenant } from "../../api/types";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { SecretField } from "../../app/components/SecretOnce";
import { Section } from "./Section";

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
    <Section id="connector-secret-title" title={t("integrations.connectorSecret.title")} intro={t("integrations.connectorSecret.intro")}>
      <ProblemAlert message={show.isError ? describeError(show.error, t) : null} />
      {secret === null ? (
        <Group>
          <Button variant="default" loading={show.isPending} onClick={() => show.mutate()}>
            {t("integrations.connectorSecret.show")}
          </Button>
        </Group>
      ) : (
        <Paper withBorder radius="md" p="md">
          <SecretField
            label={t("integrations.connectorSecret.label")}
            secret={secret}
            copyLabel={t("integrations.secret.copy")}
            copiedLabel={t("integrations.secret.copied")}
          >
            <Button variant="default" onClick={() => setSecret(null)}>
              {t("integrations.connectorSecret.hide")}
            </Button>
          </SecretField>
        </Paper>
      )}
    </Section>
  );
}
