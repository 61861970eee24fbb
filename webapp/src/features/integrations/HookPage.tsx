import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { rotateHookSecret, sendTestEvent, type HookEndpoint } from "../../api/hooks";
import type { Tenant } from "../../api/types";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../app/format";
import { useSettingsTenant } from "../../app/shell/SettingsLayout";
import { canManage } from "../../app/roles";
import { DeliveriesLog } from "./DeliveriesLog";
import { eventLabel } from "./events";
import { HealthBadge, HealthDetails } from "./HookHealth";
import { integrationPaths } from "./paths";
import { useDeleteHook, useHook, useRefreshDeliveries, useUpdateHook } from "./queries";
import { SecretDialog } from "./SecretDialog";

type Asking = "rotate" | "delete" | null;

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text size="sm" c="dimmed" miw={150}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Group>
  );
}

function HookDetails({ tenant, hook }: { tenant: Tenant; hook: HookEndpoint }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const slug = tenant.slug;
  const language = currentLanguage();
  const update = useUpdateHook(slug, hook.id);
  const remove = useDeleteHook(slug, hook.id);
  const refresh = useRefreshDeliveries(slug, hook.id);
  const [asking, setAsking] = useState<Asking>(null);
  const [secret, setSecret] = useState<{ secret: string; previous_secret_until: string } | null>(null);
  const test = useMutation({
    mutationFn: () => sendTestEvent(slug, hook.id),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("integrations.hooks.testSent") });
      refresh();
    },
    onError: (error) => notifications.show({ color: "red", message: describeError(error, t) }),
  });
  const rotate = useMutation({
    mutationFn: () => rotateHookSecret(slug, hook.id),
    onSuccess: (result) => {
      setAsking(null);
      setSecret(result);
      refresh();
    },
  });
  const toggle = () =>
    update.mutate(
      { enabled: !hook.enabled },
      {
        onSuccess: (saved) =>
          notifications.show({ color: saved.enabled ? "green" : "gray", message: saved.enabled ? t("integrations.hooks.enabled") : t("integrations.hooks.disabledDone") }),
        onError: (error) => notifications.show({ color: "red", message: describeError(error, t) }),
      },
    );
  const none = t("integrations.hooks.none");

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={integrationPaths.home(slug)} size="sm">
          ← {t("integrations.hooks.back")}
        </Anchor>
        <Group gap="sm">
          <Title order={2} style={{ wordBreak: "break-all" }}>
            {hook.url}
          </Title>
          <HealthBadge hook={hook} />
        </Group>
        {hook.description && <Text c="dimmed">{hook.description}</Text>}
      </Stack>
      <Paper withBorder radius="md" p="lg" component="section" aria-label={t("integrations.hooks.detailsTitle")}>
        <Stack gap="sm">
          <HealthDetails hook={hook} timeZone={tenant.timezone} />
          <Fact label={t("integrations.hooks.sendsEvents")}>{hook.event_types.map((type) => eventLabel(t, type)).join(", ")}</Fact>
          <Fact label={t("integrations.hooks.onlyBlueprints")}>{hook.blueprints?.join(", ") || t("integrations.hooks.blueprintsPlaceholder")}</Fact>
          <Fact label={t("integrations.hooks.onlyFields")}>{hook.fields?.join(", ") || t("integrations.hooks.fieldsPlaceholder")}</Fact>
          <Fact label={t("integrations.hooks.extraHeaders")}>{hook.header_names.join(", ") || none}</Fact>
          {hook.previous_secret_until && (
            <Text size="sm" c="dimmed">
              {t("integrations.hooks.previousUntil", { date: formatDateTime(hook.previous_secret_until, tenant.timezone, language) })}
            </Text>
          )}
          <Group gap="xs" mt="xs">
            <Button onClick={() => test.mutate()} loading={test.isPending} disabled={!hook.enabled}>
              {t("integrations.hooks.test")}
            </Button>
            <Button variant="default" component={Link} to={integrationPaths.editHook(slug, hook.id)}>
              {t("integrations.hooks.edit")}
            </Button>
            <Button variant="default" onClick={toggle} loading={update.isPending}>
              {hook.enabled ? t("integrations.hooks.disable") : t("integrations.hooks.enable")}
            </Button>
            <Button variant="default" onClick={() => setAsking("rotate")}>
              {t("integrations.hooks.rotate")}
            </Button>
            <Button variant="subtle" color="red" onClick={() => setAsking("delete")}>
              {t("integrations.hooks.delete")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <DeliveriesLog tenant={tenant} hook={hook} />
      <ConfirmDialog
        opened={asking === "rotate"}
        title={t("integrations.hooks.rotateTitle")}
        body={t("integrations.hooks.rotateBody")}
        confirmLabel={t("integrations.hooks.rotateConfirm")}
        onConfirm={() => rotate.mutate()}
        onClose={() => setAsking(null)}
        loading={rotate.isPending}
        problem={rotate.isError ? describeError(rotate.error, t) : null}
      />
      <ConfirmDialog
        opened={asking === "delete"}
        title={t("integrations.hooks.deleteTitle")}
        body={t("integrations.hooks.deleteBody", { url: hook.url })}
        confirmLabel={t("integrations.hooks.delete")}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ color: "green", message: t("integrations.hooks.deleted") });
              void navigate(integrationPaths.home(slug));
            },
          })
        }
        onClose={() => setAsking(null)}
        loading={remove.isPending}
        problem={remove.isError ? describeError(remove.error, t) : null}
        danger
      />
      <SecretDialog
        title={t("integrations.hooks.rotatedTitle")}
        body={secret ? t("integrations.hooks.rotatedBody", { date: formatDateTime(secret.previous_secret_until, tenant.timezone, language) }) : ""}
        label={t("integrations.hooks.secretLabel")}
        secret={secret?.secret ?? null}
        onClose={() => setSecret(null)}
      />
    </Stack>
  );
}

/** `/t/:slug/settings/integrations/hooks/:hookId`: one hook, its health, its actions and its deliveries. */
export function HookPage() {
  const { t } = useTranslation();
  const tenant = useSettingsTenant();
  const { hookId = "" } = useParams();
  const hook = useHook(tenant.slug, hookId, true);
  useDocumentTitle(`${t("integrations.hooks.detailsTitle")} · Loom`);
  if (!canManage(tenant)) return <ProblemAlert message={t("integrations.onlyManagers")} />;
  if (hook.isPending) return <PageLoader />;
  if (isNotFound(hook.error))
    return <EmptyState title={t("integrations.hooks.notFound")}>{t("integrations.hooks.notFoundBody")}</EmptyState>;
  if (hook.isError) return <ProblemAlert message={describeError(hook.error, t)} />;
  return <HookDetails tenant={tenant} hook={hook.data} />;
}
