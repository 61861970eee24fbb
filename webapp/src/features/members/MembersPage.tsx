import { Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Invitation, Member, Role } from "../../api/members";
import type { Tenant } from "../../api/types";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { DataTable } from "../../app/components/DataTable";
import { describeError } from "../../app/components/errors";
import { Heading } from "../../app/components/Heading";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../app/format";
import { tenantKeys } from "../../api/queries/tenants";
import { assignableRoles, canManage, canManageMember } from "../../app/roles";
import { useSettingsTenant } from "../../app/shell/SettingsLayout";
import { InviteForm } from "./InviteForm";
import { useInvitations, useMemberActions, useMembers } from "../../api/queries/members";

type Pending = { kind: "remove"; member: Member } | { kind: "withdraw"; invitation: Invitation } | null;

function RoleCell({ tenant, member }: { tenant: Tenant; member: Member }) {
  const { t } = useTranslation();
  const actions = useMemberActions(tenant.slug);
  const roles = assignableRoles(tenant);
  const label = t(`team.roles.${member.role}`);
  if (!canManageMember(tenant, member.role)) return <Text size="sm">{label}</Text>;
  const change = (value: string | null) => {
    if (!value || value === member.role) return;
    const role = value as Role;
    actions.changeRole.mutate(
      { userId: member.user_id, role },
      {
        onSuccess: () =>
          notifications.show({
            message: t("team.members.roleChanged", { email: member.email, role: t(`team.roles.${role}`) }),
            color: "green",
          }),
        onError: (error) => notifications.show({ message: describeError(error, t), color: "red" }),
      },
    );
  };
  return (
    <LabelledSelect
      label={t("team.members.roleOf", { email: member.email })}
      hideLabel
      size="xs"
      w={140}
      data={roles.map((role) => ({ value: role, label: t(`team.roles.${role}`) }))}
      value={member.role}
      allowDeselect={false}
      disabled={actions.changeRole.isPending}
      onChange={change}
    />
  );
}

/** A small red button that asks before someone leaves or is let go; `who` completes its name for screen readers. */
function RemoveButton({ label, who, onClick }: { label: string; who?: string; onClick: () => void }) {
  return (
    <Button size="xs" variant="subtle" color="red" aria-label={who === undefined ? undefined : `${label} ${who}`} onClick={onClick}>
      {label}
    </Button>
  );
}

function MemberTable({ tenant, members, onAsk }: { tenant: Tenant; members: Member[]; onAsk: (p: Pending) => void }) {
  const { t } = useTranslation();
  return (
    <DataTable
      framing={560}
      verticalSpacing="sm"
      highlightOnHover
      headers={[t("team.members.email"), t("team.members.role"), t("team.members.joined")]}
      actionsLabel={t("team.members.actions")}
    >
      {members.map((member) => (
        <Table.Tr key={member.user_id}>
          <Table.Td>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm">{member.email}</Text>
              {member.you && (
                <Badge size="sm" variant="light">
                  {t("team.members.you")}
                </Badge>
              )}
            </Group>
          </Table.Td>
          <Table.Td>
            <RoleCell tenant={tenant} member={member} />
          </Table.Td>
          <Table.Td>
            <Text size="sm" c="dimmed">
              {formatDateTime(member.joined_at, tenant.timezone, currentLanguage())}
            </Text>
          </Table.Td>
          <Table.Td ta="right">
            {member.you ? (
              <RemoveButton label={t("team.members.leave")} onClick={() => onAsk({ kind: "remove", member })} />
            ) : (
              canManageMember(tenant, member.role) && (
                <RemoveButton label={t("team.members.remove")} who={member.email} onClick={() => onAsk({ kind: "remove", member })} />
              )
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function PendingInvitations({ tenant, onAsk }: { tenant: Tenant; onAsk: (p: Pending) => void }) {
  const { t } = useTranslation();
  const query = useInvitations(tenant.slug, true);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  const items = query.data.items;
  return (
    <Stack gap="sm">
      <Heading level={2} title={t("team.invitations.title")} />
      {!items.length && <Text c="dimmed">{t("team.invitations.empty")}</Text>}
      {items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {items.map((invitation) => (
            <Paper key={invitation.id} component="li" withBorder radius="md" p="sm">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {invitation.email} · {t(`team.roles.${invitation.role}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t("team.invitations.expires", {
                      date: formatDateTime(invitation.expires_at, tenant.timezone, currentLanguage()),
                    })}
                  </Text>
                </Stack>
                {canManageMember(tenant, invitation.role) && (
                  <RemoveButton
                    label={t("team.invitations.withdraw")}
                    who={invitation.email}
                    onClick={() => onAsk({ kind: "withdraw", invitation })}
                  />
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Asks before removing a member, leaving, or withdrawing an invitation, then does it. */
function PendingDialog({ tenant, pending, onClose }: { tenant: Tenant; pending: Pending; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const actions = useMemberActions(tenant.slug);
  if (!pending) return null;
  const failed = (error: unknown) => notifications.show({ message: describeError(error, t), color: "red" });

  if (pending.kind === "withdraw") {
    const { invitation } = pending;
    return (
      <ConfirmDialog
        opened
        title={t("team.invitations.withdrawTitle", { email: invitation.email })}
        body={t("team.invitations.withdrawBody")}
        confirmLabel={t("team.invitations.withdraw")}
        danger
        loading={actions.withdraw.isPending}
        onClose={onClose}
        onConfirm={() =>
          actions.withdraw.mutate(invitation.id, {
            onSuccess: () => {
              notifications.show({ message: t("team.invitations.withdrawn", { email: invitation.email }), color: "green" });
              onClose();
            },
            onError: failed,
          })
        }
      />
    );
  }
  const { member } = pending;
  const leaving = member.you;
  return (
    <ConfirmDialog
      opened
      title={
        leaving
          ? t("team.members.leaveTitle", { workspace: tenant.name })
          : t("team.members.removeTitle", { email: member.email })
      }
      body={leaving ? t("team.members.leaveBody") : t("team.members.removeBody", { email: member.email })}
      confirmLabel={leaving ? t("team.members.leave") : t("team.members.remove")}
      danger
      loading={actions.remove.isPending}
      problem={actions.remove.isError ? describeError(actions.remove.error, t) : null}
      onClose={onClose}
      onConfirm={() =>
        actions.remove.mutate(member.user_id, {
          onSuccess: () => {
            if (leaving) {
              notifications.show({ message: t("team.members.left", { workspace: tenant.name }), color: "green" });
              queryClient.removeQueries({ queryKey: tenantKeys.detail(tenant.slug) });
              void queryClient.invalidateQueries({ queryKey: tenantKeys.list() });
              void navigate("/", { replace: true });
            } else {
              notifications.show({ message: t("team.members.removed", { email: member.email }), color: "green" });
              onClose();
            }
          },
        })
      }
    />
  );
}

/** `/t/:slug/settings/members`: who is in the workspace, with which role; invitations. */
export function MembersPage() {
  const { t } = useTranslation();
  const tenant = useSettingsTenant();
  const query = useMembers(tenant.slug);
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const manages = canManage(tenant);
  useDocumentTitle(`${t("team.members.title")} · ${tenant.name} · Loom`);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Text c="dimmed" maw={560}>
          {manages ? t("team.members.intro") : t("team.members.introReadOnly")}
        </Text>
        {manages && !inviting && <Button onClick={() => setInviting(true)}>{t("team.invite.open")}</Button>}
      </Group>
      {manages && inviting && <InviteForm tenant={tenant} onDone={() => setInviting(false)} />}
      {query.isPending && <PageLoader />}
      {query.isError && <ProblemAlert message={describeError(query.error, t)} />}
      {query.data && <MemberTable tenant={tenant} members={query.data.items} onAsk={setPending} />}
      {manages && <PendingInvitations tenant={tenant} onAsk={setPending} />}
      <PendingDialog key={pendingKey(pending)} tenant={tenant} pending={pending} onClose={() => setPending(null)} />
    </Stack>
  );
}

function pendingKey(pending: Pending): string {
  if (!pending) return "none";
  return pending.kind === "withdraw" ? `w-${pending.invitation.id}` : `r-${pending.member.user_id}`;
}
