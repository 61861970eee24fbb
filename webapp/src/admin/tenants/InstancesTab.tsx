import { Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { listInstances, retryInstance, type AdminInstance, type InstanceStatus } from "../../api/admin";
import { describeError } from "../../app/components/errors";
import { refusalText } from "../../app/components/refusalText";
import { LinkCell, WhenCell } from "../cells";
import { ChoiceFilter } from "../ChoiceFilter";
import { PagedTable } from "../PagedTable";
import { adminPaths } from "../paths";
import { adminKeys, useAdminPages } from "../queries";
import { useParam } from "../../app/useParam";

/** Tries a stopped instance's failed step again, and says how it went. */
function RetryButton({ slug, instance }: { slug: string; instance: AdminInstance }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryInstance(slug, instance.id),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.lists });
      notifications.show(
        result.status === "failed"
          ? { color: "red", message: t("admin.instances.stoppedAgain", { message: result.error ? refusalText(result.error, t) : "" }) }
          : { color: "green", message: t("admin.instances.runsAgain") },
      );
    },
    onError: (error) => notifications.show({ color: "red", message: describeError(error, t) }),
  });
  return (
    <Button size="compact-xs" variant="light" onClick={() => retry.mutate()} loading={retry.isPending}>
      {t("admin.instances.retry")}
    </Button>
  );
}

const STATUSES: InstanceStatus[] = ["running", "failed", "completed"];
const COLORS: Record<InstanceStatus, string> = { running: "blue", failed: "red", completed: "gray" };

/** Records on their way through the workspace's flows, newest first; the failed ones say why. */
export function InstancesTab({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [status] = useParam("status");
  const [flow, setFlow] = useParam("flow");
  const chosen = STATUSES.includes(status as InstanceStatus) ? (status as InstanceStatus) : null;
  const query = useAdminPages(adminKeys.list("instances", slug, chosen, flow), (cursor, signal) =>
    listInstances(slug, { status: chosen, flow: flow || null }, cursor, signal),
  );
  return (
    <Stack gap="md">
      <Group gap="md">
        <ChoiceFilter
          param="status"
          label={t("admin.instances.status")}
          choices={[{ value: "all", label: t("admin.instances.all") }, ...STATUSES.map((s) => ({ value: s, label: t(`admin.instances.statuses.${s}`) }))]}
        />
        {flow && (
          <Button variant="light" size="xs" onClick={() => setFlow(null)}>
            {t("admin.instances.onlyFlow", { flow })} ✕
          </Button>
        )}
      </Group>
      <PagedTable<AdminInstance>
        query={query}
        label={t("admin.tenant.tabs.instances")}
        empty={t("admin.instances.empty")}
        filtered={Boolean(chosen || flow)}
        head={[t("admin.tenant.flow"), t("admin.instances.status"), t("admin.instances.started"), t("admin.instances.record")]}
        row={(instance) => (
          <Table.Tr key={instance.id}>
            <Table.Td>
              {instance.flow.name}{" "}
              <Text span size="xs" c="dimmed">
                {t("admin.instances.version", { number: instance.version })}
              </Text>
            </Table.Td>
            <Table.Td>
              <Stack gap={2}>
                <Badge variant="light" color={COLORS[instance.status]}>
                  {t(`admin.instances.statuses.${instance.status}`)}
                </Badge>
                {instance.error && (
                  <Text size="xs" c="red">
                    {instance.error.name ? `${instance.error.name}: ` : ""}
                    {refusalText(instance.error, t)}
                  </Text>
                )}
                {instance.status === "failed" && (
                  <div>
                    <RetryButton slug={slug} instance={instance} />
                  </div>
                )}
              </Stack>
            </Table.Td>
            <WhenCell at={instance.started_at} />
            <LinkCell to={adminPaths.record(slug, instance.entity_id)} size="sm">{t("admin.instances.open")}</LinkCell>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
