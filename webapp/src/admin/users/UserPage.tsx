import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { confirmUserEmail, deleteUser, resetUserTwoFactor, setUserActive, type AdminUser } from "../../api/admin";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { TypeToConfirmDialog } from "../../app/components/TypeToConfirmDialog";
import { Fact } from "../Fact";
import { when } from "../format";
import { adminPaths } from "../paths";
import { adminKeys, useAdminUser } from "../queries";
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
  const [deleting, deleteDialog] = useDisclosure(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: adminKeys.lists });
  const enable = useMutation({
    mutationFn: () => setUserActive(user.id, true),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.user(String(user.id)), saved);
      refresh();
      notifications.show({ color: "green", message: t("admin.user.enabled") });
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteUser(user.id),
    onSuccess: () => {
      deleteDialog.close();
      refresh();
    },
  });

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
          <ConfirmedAction
            user={user}
            label={t("admin.user.disable")}
            title={t("admin.user.disableTitle", { email: user.email })}
            body={t("admin.user.disableBody")}
            done={t("admin.user.disabledDone")}
            run={(id) => setUserActive(id, false)}
            danger
          />
        ) : (
          <Button variant="default" onClick={() => enable.mutate()} loading={enable.isPending}>
            {t("admin.user.enable")}
          </Button>
        )}
        {!user.confirmed_at && (
          <ConfirmedAction
            user={user}
            label={t("admin.user.confirm")}
            title={t("admin.user.confirmTitle", { email: user.email })}
            body={t("admin.user.confirmBody")}
            done={t("admin.user.confirmDone")}
            run={confirmUserEmail}
          />
        )}
        {user.two_factor && (
          <ConfirmedAction
            user={user}
            label={t("admin.user.resetTwoFactor")}
            title={t("admin.user.resetTwoFactorTitle", { email: user.email })}
            body={t("admin.user.resetTwoFactorBody")}
            done={t("admin.user.resetTwoFactorDone")}
            run={resetUserTwoFactor}
            danger
          />
        )}
        <Button color="red" variant="light" onClick={deleteDialog.open}>
          {t("admin.user.delete")}
        </Button>
      </Group>
      <TypeToConfirmDialog
        opened={deleting}
        title={t("admin.user.deleteTitle", { email: user.email })}
        body={t("admin.user.deleteBody")}
        expected={user.email}
        confirmLabel={t("admin.user.deleteConfirm")}
        onConfirm={() => remove.mutate()}
        onClose={deleteDialog.close}
        loading={remove.isPending}
        problem={remove.isError ? describeError(remove.error, t) : null}
      />
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
      <Stack gap={6}>
        <Anchor component={Link} to={adminPaths.users()} size="sm">
          ← {t("admin.users.title")}
        </Anchor>
        <Title order={1} style={{ overflowWrap: "anywhere" }}>
          {user.email}
        </Title>
        <UserBadges user={user} />
      </Stack>
      <Paper withBorder radius="md" p="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label={t("admin.users.created")}>{when(user.created_at)}</Fact>
          <Fact label={t("admin.users.lastLogin")}>{when(user.last_login_at)}</Fact>
          <Fact label={t("admin.user.confirmed")}>{when(user.confirmed_at)}</Fact>
        </SimpleGrid>
      </Paper>
      <Stack gap="sm" component="section" aria-labelledby="user-workspaces">
        <Title order={2} size="h3" id="user-workspaces">
          {t("admin.user.workspaces")}
        </Title>
        {user.workspaces.length ? (
          <Table aria-labelledby="user-workspaces">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("admin.tenants.name")}</Table.Th>
                <Table.Th>{t("admin.user.role")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {user.workspaces.map((workspace) => (
                <Table.Tr key={workspace.slug}>
                  <Table.Td>
                    <Anchor component={Link} to={adminPaths.tenant(workspace.slug)}>
                      {workspace.name}
                    </Anchor>
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
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="user-actions">
        <Title order={2} size="h3" id="user-actions">
          {t("admin.user.actions")}
        </Title>
        <UserActions user={user} />
        <Anchor component={Link} to={adminPaths.audit({ target_type: "user", target_id: String(user.id) })} size="sm">
          {t("admin.user.history")}
        </Anchor>
      </Stack>
    </Stack>
  );
}
