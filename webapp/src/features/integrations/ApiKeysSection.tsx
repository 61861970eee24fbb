import { Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiKey, ApiKeyCreated, ApiKeyState } from "../../api/apiKeys";
import type { Tenant } from "../../api/types";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { currentLanguage } from "../../i18n";
import { useSession } from "../../app/useSession";
import { formatDateTime } from "../../app/format";
import { CreateApiKeyDialog } from "./CreateApiKeyDialog";
import { useApiKeys, useRevokeApiKey } from "./queries";
import { SecretDialog } from "./SecretDialog";
import { LoadMore } from "../../app/components/LoadMore";

const STATE_COLORS: Record<ApiKeyState, string> = { active: "green", expired: "gray", revoked: "red", creator_left: "orange" };

/** The workspace's API keys: create one (shown once), see when each was used, revoke. */
export function ApiKeysSection({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const keys = useApiKeys(tenant.slug);
  const revoke = useRevokeApiKey(tenant.slug);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const items = keys.data?.pages.flatMap((page) => page.items) ?? [];
  const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso, tenant.timezone, currentLanguage()) : none);

  let content;
  if (keys.isPending) content = <PageLoader />;
  else if (keys.isError) content = <ProblemAlert message={describeError(keys.error, t)} />;
  else if (!items.length)
    content = (
      <EmptyState title={t("integrations.keys.empty")} order={3}>
        {t("integrations.keys.emptyBody")}
      </EmptyState>
    );
  else
    content = (
      <Paper withBorder radius="md">
        <ScrollArea type="auto">
          <Table verticalSpacing="sm" striped aria-label={t("integrations.keys.table")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("integrations.keys.name")}</Table.Th>
                <Table.Th>{t("integrations.keys.role")}</Table.Th>
                <Table.Th>{t("integrations.keys.createdBy")}</Table.Th>
                <Table.Th>{t("integrations.keys.lastUsed")}</Table.Th>
                <Table.Th>{t("integrations.keys.expires")}</Table.Th>
                <Table.Th>{t("integrations.keys.status")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("integrations.keys.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>
                    <Text fw={500}>{key.name}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {key.prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`integrations.keys.roles.${key.role}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{key.created_by?.email ?? t("integrations.keys.someone")}</Text>
                    <Text size="xs" c="dimmed">
                      {when(key.created_at, "")}
                    </Text>
                  </Table.Td>
                  <Table.Td>{when(key.last_used_at, t("integrations.keys.never"))}</Table.Td>
                  <Table.Td>{when(key.expires_at, t("integrations.keys.noExpiry"))}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLORS[key.state] ?? "gray"} variant="light" tt="none">
                      {t(`integrations.keys.states.${key.state}`, { defaultValue: key.state })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {key.state !== "revoked" && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          revoke.reset();
                          setRevoking(key);
                        }}
                        aria-label={t("integrations.keys.revokeLabel", { name: key.name })}
                      >
                        {t("integrations.keys.revoke")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby="api-keys-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2} maw={640}>
          <Title order={2} size="h3" id="api-keys-title">
            {t("integrations.keys.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("integrations.keys.intro")}
          </Text>
        </Stack>
        <Button onClick={() => setCreating(true)} disabled={!user}>
          {t("integrations.keys.create")}
        </Button>
      </Group>
      {content}
      <LoadMore query={keys} label={t("integrations.keys.more")} />
      {user && (
        <CreateApiKeyDialog
          opened={creating}
          tenant={tenant}
          user={user}
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
          }}
        />
      )}
      <SecretDialog
        title={t("integrations.keys.createdTitle")}
        body={t("integrations.keys.createdBody")}
        label={t("integrations.keys.keyLabel")}
        secret={created?.secret ?? null}
        onClose={() => setCreated(null)}
      />
      <ConfirmDialog
        opened={revoking !== null}
        title={t("integrations.keys.revokeTitle", { name: revoking?.name ?? "" })}
        body={t("integrations.keys.revokeBody")}
        confirmLabel={t("integrations.keys.revoke")}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: "green", message: t("integrations.keys.revoked", { name: revoking.name }) });
              setRevoking(null);
            },
          })
        }
        loading={revoke.isPending}
        problem={revoke.isError ? describeError(revoke.error, t) : null}
        danger
      />
    </Stack>
  );
}
