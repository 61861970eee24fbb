import { Anchor, Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { deleteTenantEntity, updateTenantEntity, type AdminTenant } from "../../api/admin";
import type { Blueprint, BlueprintVersion, Column } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { collectChanges } from "../../features/entities/changes";
import { ConflictAlert } from "../../features/entities/ConflictAlert";
import { recordTitle, resolveLayout } from "../../app/records/layout";
import { RecordFields } from "../../features/entities/RecordFields";
import { useRecordInputs } from "../../features/entities/useRecordInputs";
import { confirming } from "../confirming";
import { DetailHeading } from "../DetailHeading";
import { when } from "../format";
import { adminPaths } from "../paths";
import { adminKeys, useAdminBlueprint, useAdminEntity, useAdminTenant, useAdminVersion } from "../queries";

/**
 * References and people are looked up in the workspace, which an admin is not a member of:
 * here they are edited as their ids (the server still checks them).
 */
function asAdminColumns(columns: readonly Column[]): Column[] {
  return columns.map((column) => (column.type === "reference" || column.type === "user" ? { ...column, type: "text" } : column));
}

interface FormProps {
  tenant: AdminTenant;
  blueprint: Blueprint;
  version: BlueprintVersion;
  entity: Entity;
  reload: () => void;
}

function AdminRecordForm({ tenant, blueprint, version, entity, reload }: FormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const zone = tenant.timezone;
  const columns = useMemo(() => asAdminColumns(version.columns), [version]);
  const sections = resolveLayout(columns, version.form);
  const shown = sections.flatMap((section) => section.columns);
  const { initial, values, errors, setErrors, problem, conflict, change, fail, clear } = useRecordInputs(columns, entity.data, zone);
  const [deleting, deleteDialog] = useDisclosure(false);
  const title = recordTitle(columns, entity.data) ?? t("recordForm.untitled");
  useDocumentTitle(`${title} · ${tenant.name} · Loom`);

  const save = useMutation({
    mutationFn: (data: Record<string, unknown>) => updateTenantEntity(tenant.slug, entity.id, entity.version, data),
    onSuccess: (saved) => {
      // The page starts again from the saved record (its key has the new version).
      queryClient.setQueryData(adminKeys.entity(tenant.slug, entity.id), saved);
      void queryClient.invalidateQueries({ queryKey: adminKeys.lists });
      notifications.show({ color: "green", message: t("admin.record.saved") });
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => deleteTenantEntity(tenant.slug, entity.id, entity.version),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.lists });
      notifications.show({ color: "green", message: t("admin.record.deleted") });
      void navigate(adminPaths.records(tenant.slug, blueprint.key), { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    const { data, problems } = collectChanges(shown, values, initial, zone, t);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    if (!Object.keys(data).length) notifications.show({ color: "gray", message: t("recordForm.unchanged") });
    else save.mutate(data);
  };

  return (
    <Stack gap="lg" maw={880}>
      <DetailHeading
        back={{ to: adminPaths.records(tenant.slug, blueprint.key), label: t("admin.record.back", { name: blueprint.name, workspace: tenant.name }) }}
        title={title}
      >
        <Group gap="sm">
          <Badge variant="light" radius="sm" tt="none">
            {t("recordForm.versionBadge", { number: entity.blueprint_version.number })}
          </Badge>
          <Text size="sm" c="dimmed">
            {t("admin.record.updated", { date: when(entity.updated_at) })}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t("admin.record.audited")}{" "}
          <Anchor component={Link} to={adminPaths.audit({ tenant: tenant.slug, target_type: "entity", target_id: entity.id })}>
            {t("admin.record.history")}
          </Anchor>
        </Text>
      </DetailHeading>
      {conflict && <ConflictAlert onReload={reload} />}
      <ProblemAlert message={problem} />
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            <RecordFields
              sections={sections}
              values={values}
              onChange={change}
              errors={errors}
              timeZone={zone}
              slug={tenant.slug}
            />
            <Group justify="space-between">
              <Button variant="subtle" color="red" onClick={deleteDialog.open}>
                {t("recordForm.delete")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("recordForm.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <ConfirmDialog
        opened={deleting}
        title={t("admin.record.deleteTitle")}
        body={t("admin.record.deleteBody", { workspace: tenant.name })}
        confirmLabel={t("recordForm.delete")}
        onClose={deleteDialog.close}
        danger
        {...confirming(remove, t)}
      />
    </Stack>
  );
}

/** `/admin/tenants/:slug/e/:id`: one record of a workspace, edited by an admin (audited). */
export function RecordPage() {
  const { t } = useTranslation();
  const { slug = "", id = "" } = useParams();
  const tenant = useAdminTenant(slug);
  const entity = useAdminEntity(slug, id);
  const key = entity.data?.blueprint;
  const blueprint = useAdminBlueprint(slug, key);
  const version = useAdminVersion(slug, key, entity.data?.blueprint_version.number);
  if (isNotFound(entity.error)) return <ProblemAlert message={t("recordForm.notFoundBody")} />;
  const error = tenant.error ?? entity.error ?? blueprint.error ?? version.error;
  if (error) return <ProblemAlert message={describeError(error, t)} />;
  if (!tenant.data || !entity.data || !blueprint.data || !version.data) return <PageLoader />;
  return (
    <AdminRecordForm
      key={`${entity.data.id}:${entity.data.version}`}
      tenant={tenant.data}
      blueprint={blueprint.data}
      version={version.data}
      entity={entity.data}
      reload={() => void entity.refetch()}
    />
  );
}
