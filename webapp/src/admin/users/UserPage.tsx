import { Alert, Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { confirmUserEmail, deleteUser, resetUserTwoFactor, setUserActive, type AdminUser } from "../../api/admin";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { HeaderRow } from "../../app/components/HeaderRow";
import { WorkspaceLink } from "../cells";
import { DeleteForGood } from "../DeleteForGood";
import { DetailHeading } from "../DetailHeading";
import { Fact, Facts } from "../Fact";
import { when } from "../format";
import { adminPaths } from "../paths";
import { adminKeys, useAdminUser } from "../queries";
import { Section } from "../Section";
import { ConfirmedAction } from "./ConfirmedAction";
import { UserBadges } from "./UserBadges";

/**
 * What support does with an account: disable it (asked first) or enable it again, confirm an
 * address whose email never arrived, turn off two-step sign-in for a lost phone, or delete it for
 * good (typing the address). Every change is in the audit log.
 */
function UserActions({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: adminKeys.lists });
  const enable = useMutation({
    mutationFn: () => setUserActive(user.id, true),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.user(String(user.id)), saved);
      refresh();
      notifications.show({ color: "green", message: t("admin.user.enabled") });
    },
  });
  const remove = useMutation({ mutationFn: () => deleteUser(user.id), onSuccess: refresh });

  if (user.admin) return <Text size="sm" c="dimmed">{t("admin.user.adminNote")}</Text>;
  if (remove.isSuccess) {
    return (
      <Alert color="green" variant="light" role="status">
        <Stack gap={4} align="flex-start">
          <Text size="sm">{t("admin.user.deleting", { email: user.email })}</Text>
          <Anchor component={Link} to={adminPaths.jobs()} size="sm">
            {t("admin.user.followJob")}
          </Anchor>
        </Stack>
      </Alert>
    );
  }
  return (
    <>
      <ProblemAlert message={enable.isError ? describeError(enable.error, t) : null} />
      <Group gap="sm">
        {user.active ? (
          <ConfirmedAction user={user} name="disable" done={t("admin.user.disabledDone")} run={(id) => setUserActive(id, false)} danger />
        ) : (
          <Button variant="default" onClick={() => enable.mutate()} loading={enable.isPending}>
            {t("admin.user.enable")}
          </Button>
        )}
        {!user.confirmed_at && <ConfirmedAction user={user} name="confirm" done={t("admin.user.confirmDone")} run={confirmUserEmail} />}
        {user.two_factor && <ConfirmedAction user={user} name="resetTwoFactor" done={t("admin.user.resetTwoFactorDone")} run={resetUserTwoFactor} danger />}
        <DeleteForGood
          remove={remove}
          label={t("admin.user.delete")}
          title={t("admin.user.deleteTitle", { email: user.email })}
          body={t("admin.user.deleteBody")}
          expected={user.email}
        />
      </Group>
    </>
  );
}

/** `/admin/users/:id`: one account, its workspaces, and what an admin may do with it. */
export function UserPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useAdminUser(id);
  useDocumentTitle(`${query.data?.email ?? t("admin.users.title")} · Loom`);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert message={isNotFound(query.error) ? t("admin.user.notFound") : describeError(query.error, t)} />;
  const user = query.data;
  return (
    <Stack gap="lg">
      <DetailHeading back={{ to: adminPaths.users(), label: t("admin.users.title") }} title={user.email}>
        <UserBadges user={user} />
      </DetailHeading>
      <Facts cols={{ base: 1, sm: 3 }}>
        <Fact label={t("admin.users.created")}>{when(user.created_at)}</Fact>
        <Fact label={t("admin.users.lastLogin")}>{when(user.last_login_at)}</Fact>
        <Fact label={t("admin.user.confirmed")}>{when(user.confirmed_at)}</Fact>
      </Facts>
      <Section id="user-workspaces" title={t("admin.user.workspaces")} gap="sm">
        {user.workspaces.length ? (
          <Table aria-labelledby="user-workspaces">
            <HeaderRow cells={[t("admin.tenants.name"), t("admin.user.role")]} />
            <Table.Tbody>
              {user.workspaces.map((workspace) => (
                <Table.Tr key={workspace.slug}>
                  <Table.Td>
                    <WorkspaceLink slug={workspace.slug}>{workspace.name}</WorkspaceLink>
                  </Table.Td>
                  <Table.Td>{t(`team.roles.${workspace.role}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t("admin.user.noWorkspaces")}
          </Text>
        )}
      </Section>
      <Section id="user-actions" title={t("admin.user.actions")} gap="sm">
        <UserActions user={user} />
        <Anchor component={Link} to={adminPaths.audit({ target_type: "user", target_id: String(user.id) })} size="sm">
          {t("admin.user.history")}
        </Anchor>
      </Section>
    </Stack>
  );
}
