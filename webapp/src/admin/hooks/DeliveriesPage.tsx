import { Anchor, Button, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import {
  deleteAdminHookEndpoint,
  getAdminHookEndpoint,
  listAdminHookDeliveries,
  setAdminHookEnabled,
  type AdminHookEndpoint,
} from "../../api/adminHooks";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { isNotFound } from "../../app/components/errors";
import { HealthBadge, HealthDetails } from "../../features/integrations/HookHealth";
import { confirming } from "../confirming";
import { DetailHeading } from "../DetailHeading";
import { browserZone } from "../format";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";
import { SearchField } from "../SearchField";
import { useParam } from "../../app/useParam";
import { DeliveriesTable } from "./DeliveriesTable";
import { DeliveryFilters, useDeliveryFilters } from "./DeliveryFilters";

const hookKey = (id: string) => ["admin", "hookEndpoint", id] as const;

/** Opens a question afresh, without the problem of the last time it was asked. */
const ask = (mutation: { reset: () => void }, dialog: { open: () => void }) => () => {
  mutation.reset();
  dialog.open();
};

/** Turn the hook off or back on, or delete it; each asks first (Cancel has the focus) and is audited in its workspace's log. */
function HookActions({ hook }: { hook: AdminHookEndpoint }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [toggling, toggleDialog] = useDisclosure(false);
  const [deleting, deleteDialog] = useDisclosure(false);
  const toggle = useMutation({
    mutationFn: () => setAdminHookEnabled(hook.id, !hook.enabled),
    onSuccess: (saved) => {
      queryClient.setQueryData(hookKey(hook.id), saved);
      void queryClient.invalidateQueries({ queryKey: adminKeys.lists });
      toggleDialog.close();
      notifications.show({ color: "green", message: saved.enabled ? t("admin.hookDeliveries.turnedOn") : t("admin.hookDeliveries.turnedOff") });
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteAdminHookEndpoint(hook.id),
    onSuccess: () => {
      deleteDialog.close();
      queryClient.removeQueries({ queryKey: hookKey(hook.id) });
      void queryClient.invalidateQueries({ queryKey: adminKeys.lists });
      notifications.show({ color: "green", message: t("admin.hookDeliveries.deleted", { url: hook.url }) });
      navigate(adminPaths.hooks({ tenant: hook.tenant }));
    },
  });
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <Button
          size="xs"
          variant="light"
          color={hook.enabled ? "orange" : undefined}
          onClick={ask(toggle, toggleDialog)}
        >
          {hook.enabled ? t("admin.hookDeliveries.turnOff") : t("admin.hookDeliveries.turnOn")}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          onClick={ask(remove, deleteDialog)}
        >
          {t("admin.hookDeliveries.delete")}
        </Button>
      </Group>
      <ConfirmDialog
        opened={toggling}
        title={hook.enabled ? t("admin.hookDeliveries.turnOffTitle") : t("admin.hookDeliveries.turnOnTitle")}
        body={
          hook.enabled
            ? t("admin.hookDeliveries.turnOffBody", { url: hook.url, workspace: hook.tenant })
            : t("admin.hookDeliveries.turnOnBody", { url: hook.url, workspace: hook.tenant })
        }
        confirmLabel={hook.enabled ? t("admin.hookDeliveries.turnOff") : t("admin.hookDeliveries.turnOn")}
        onClose={toggleDialog.close}
        {...confirming(toggle, t)}
      />
      <ConfirmDialog
        opened={deleting}
        title={t("admin.hookDeliveries.deleteTitle")}
        body={t("admin.hookDeliveries.deleteBody", { url: hook.url, workspace: hook.tenant })}
        confirmLabel={t("admin.hookDeliveries.delete")}
        onClose={deleteDialog.close}
        danger
        {...confirming(remove, t)}
      />
    </>
  );
}

/** The hook whose deliveries are shown: its address, workspace, health and what an admin may do to it (undefined while it is looked up, null when it is gone). */
function HookSummary({ hook, tenant, onClear }: { hook: AdminHookEndpoint | null | undefined; tenant: string; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          {hook === undefined ? (
            <Skeleton height={20} width={280} />
          ) : (
            <Text fw={600} style={{ overflowWrap: "anywhere" }}>
              {hook ? hook.url : t("admin.hookDeliveries.oneHook")}
            </Text>
          )}
          {tenant && (
            <Text size="sm">
              {t("admin.hooks.workspace")}:{" "}
              <Anchor component={Link} to={adminPaths.tenant(tenant, "hooks")} size="sm">
                {tenant}
              </Anchor>
            </Text>
          )}
          {hook && (
            <Group gap="sm" align="flex-start">
              <HealthBadge hook={hook} />
              <HealthDetails hook={hook} timeZone={browserZone()} />
            </Group>
          )}
        </Stack>
        <Stack gap="xs" align="flex-end">
          {hook && <HookActions hook={hook} />}
          <Button variant="subtle" size="xs" onClick={onClear}>
            {t("admin.hookDeliveries.everyHook")}
          </Button>
        </Stack>
      </Group>
    </Paper>
  );
}

/** `/admin/hooks/deliveries`: what Loom sent to hooks, Loom-wide or for one workspace or hook, by status and event. */
export function DeliveriesPage() {
  const { t } = useTranslation();
  const [tenant] = useParam("tenant");
  const [endpoint, setEndpoint] = useParam("endpoint");
  const { status, event_type } = useDeliveryFilters();
  const filters = { tenant: tenant || null, endpoint_id: endpoint || null, status, event_type };
  const query = useAdminPages(adminKeys.list("hookDeliveries", filters), (cursor, signal) => listAdminHookDeliveries(filters, cursor, signal));
  const hook = useQuery({
    queryKey: hookKey(endpoint),
    queryFn: ({ signal }) => getAdminHookEndpoint(endpoint, signal),
    enabled: Boolean(endpoint),
    retry: (count, error) => !isNotFound(error) && count < 2,
  });
  useDocumentTitle(`${t("admin.hookDeliveries.title")} · Loom`);
  return (
    <Stack gap="lg">
      <DetailHeading
        back={{ to: adminPaths.hooks(tenant ? { tenant } : {}), label: t("admin.hooks.title") }}
        title={t("admin.hookDeliveries.title")}
      >
        <Text c="dimmed" maw={720}>
          {t("admin.hookDeliveries.intro")}
        </Text>
      </DetailHeading>
      {endpoint && <HookSummary hook={hook.isLoading ? undefined : (hook.data ?? null)} tenant={hook.data?.tenant ?? tenant} onClear={() => setEndpoint(null)} />}
      <Group gap="md" align="flex-end" wrap="wrap">
        {!endpoint && <SearchField label={t("admin.hooks.workspace")} placeholder="acme" param="tenant" width={200} />}
        <DeliveryFilters events={hook.data?.event_types} />
      </Group>
      <DeliveriesTable query={query} showWorkspace={!tenant} filtered={Boolean(status || event_type || (tenant && !endpoint))} />
    </Stack>
  );
}
