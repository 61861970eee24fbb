import { Badge, Button, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiKey, ApiKeyCreated, ApiKeyState } from "../../api/apiKeys";
import type { Tenant } from "../../api/types";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { describeError } from "../../app/components/errors";
import { DataTable } from "../../app/components/DataTable";
import { DataTablePaged } from "../../app/components/DataTablePaged";
import { currentLanguage } from "../../i18n";
import { useSession } from "../../app/useSession";
import { formatDateTime } from "../../app/format";
import { CreateApiKeyDialog } from "./CreateApiKeyDialog";
import { useApiKeys, useRevokeApiKey } from "./queries";
import { SecretDialog } from "./SecretDialog";
import { Section, SectionEmpty } from "./Section";

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
  const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso, tenant.timezone, currentLanguage()) : none);
  const headers = ["name", "role", "createdBy", "lastUsed", "expires", "status"].map((key) => t(`integrations.keys.${key}`));

  return (
    <Section
      id="api-keys-title"
      title={t("integrations.keys.title")}
      intro={t("integrations.keys.intro")}
      action={
        <Button onClick={() => setCreating(true)} disabled={!user}>
          {t("integrations.keys.create")}
        </Button>
      }
    >
      <DataTablePaged
        query={keys}
        more={t("integrations.keys.more")}
        empty={<SectionEmpty title={t("integrations.keys.empty")} body={t("integrations.keys.emptyBody")} />}
      >
        {(items) => (
          <DataTable
            framing="boxed"
            verticalSpacing="sm"
            striped
            aria-label={t("integrations.keys.table")}
            headers={headers}
            actionsLabel={t("integrations.keys.actions")}
          >
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
          </DataTable>
        )}
      </DataTablePaged>
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
    </Section>
  );
}
