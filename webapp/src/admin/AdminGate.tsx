import { Button, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router-dom";
import { logout } from "../api/auth";
import { ApiError } from "../api/client";
import { describeError } from "../app/components/errors";
import { PageLoader } from "../app/components/PageLoader";
import { ProblemAlert } from "../app/components/ProblemAlert";
import { useSession } from "../app/useSession";
import { AdminFrame } from "./AdminFrame";
import { HardeningSteps } from "./HardeningSteps";
import { adminPaths } from "./paths";
import { useAdminStatus } from "./queries";

/**
 * Guards the back office: a signed-in super admin whose account is hardened. Until then the
 * only page is the next hardening step; anyone else is told this is not for them.
 */
export function AdminGate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const location = useLocation();
  const signedIn = session.status === "signed-in";
  const status = useAdminStatus(signedIn && Boolean(session.user?.admin));
  if (session.status === "unknown") return <PageLoader fullHeight />;
  if (!signedIn) return <Navigate to={adminPaths.login(session.reason === "logout" ? undefined : location.pathname + location.search)} replace />;

  const signOut = async () => {
    await logout().catch(() => undefined);
    void navigate(adminPaths.login(), { replace: true });
  };

  if (!session.user?.admin || (status.error instanceof ApiError && status.error.status === 403)) {
    return (
      <AdminFrame>
        <Stack gap="md" align="flex-start">
          <Title order={1} size="h2">
            {t("admin.notAdmin.title")}
          </Title>
          <Text size="sm">{t("admin.notAdmin.body", { email: session.user?.email ?? "" })}</Text>
          <Button variant="default" onClick={() => void signOut()}>
            {t("admin.signOut")}
          </Button>
        </Stack>
      </AdminFrame>
    );
  }
  if (status.isPending) return <PageLoader fullHeight />;
  if (status.isError) {
    return (
      <AdminFrame>
        <Stack gap="md" align="flex-start">
          <ProblemAlert message={describeError(status.error, t)} />
          <Button variant="default" onClick={() => void status.refetch()}>
            {t("common.retry")}
          </Button>
        </Stack>
      </AdminFrame>
    );
  }
  if (status.data.next_step) return <HardeningSteps step={status.data.next_step} user={session.user} onSignOut={() => void signOut()} />;
  return <Outlet />;
}
