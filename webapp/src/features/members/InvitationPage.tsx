import { Alert, Button, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { logout } from "../../api/auth";
import { acceptInvitation, previewInvitation, type InvitationPreview } from "../../api/members";
import { describeError } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { currentLanguage } from "../../i18n";
import { useSession } from "../../app/useSession";
import { formatDateTime } from "../../app/format";
import { tenantKeys } from "../../api/queries/tenants";

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function Offer({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const here = `/invitations/${encodeURIComponent(token)}`;
  const accept = useMutation({
    mutationFn: () => acceptInvitation(token),
    onSuccess: (tenant) => {
      queryClient.setQueryData(tenantKeys.detail(tenant.slug), tenant);
      void queryClient.invalidateQueries({ queryKey: tenantKeys.list() });
      notifications.show({ message: t("team.invitation.joined", { workspace: tenant.name }), color: "green" });
      void navigate(`/t/${encodeURIComponent(tenant.slug)}`, { replace: true });
    },
  });
  const signOut = useMutation({ mutationFn: logout });
  const values = {
    workspace: invitation.workspace,
    role: t(`team.roles.${invitation.role}`),
    inviter: invitation.invited_by ?? "",
  };
  const expires = formatDateTime(invitation.expires_at, Intl.DateTimeFormat().resolvedOptions().timeZone, currentLanguage());
  const query = `next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`;
  const user = session.user;

  let action;
  if (session.status === "unknown") action = <PageLoader />;
  else if (user && sameAddress(user.email, invitation.email))
    action = (
      <Stack gap="sm">
        <ProblemAlert message={accept.isError ? describeError(accept.error, t) : null} />
        <Button size="md" loading={accept.isPending} onClick={() => accept.mutate()}>
          {t("team.invitation.accept", { workspace: invitation.workspace })}
        </Button>
      </Stack>
    );
  else if (user)
    action = (
      <Stack gap="sm">
        <Alert color="yellow" variant="light">
          {t("team.invitation.otherAccount", { current: user.email, email: invitation.email })}
        </Alert>
        <Button variant="default" loading={signOut.isPending} onClick={() => signOut.mutate()}>
          {t("team.invitation.signOut")}
        </Button>
      </Stack>
    );
  else
    action = (
      <Stack gap="sm">
        <Button component={Link} to={`/signin?${query}`} size="md">
          {t("team.invitation.signIn")}
        </Button>
        <Text size="sm" c="dimmed">
          {t("team.invitation.signUpHint", { email: invitation.email })}
        </Text>
        <Button component={Link} to={`/signup?${query}`} variant="default">
          {t("team.invitation.signUp")}
        </Button>
      </Stack>
    );

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t("team.invitation.title")}
      </Title>
      <Stack gap="xs">
        <Text>{invitation.invited_by ? t("team.invitation.invitedBy", values) : t("team.invitation.invited", values)}</Text>
        <Text size="sm" c="dimmed">
          {t("team.invitation.forEmail", { email: invitation.email })} {t("team.invitation.expires", { date: expires })}
        </Text>
      </Stack>
      {action}
    </Stack>
  );
}

/** `/invitations/:token`, the link in an invitation email: what it offers, and joining. */
export function InvitationPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  useDocumentTitle(`${t("team.invitation.title")} · Loom`);
  const query = useQuery({
    queryKey: ["invitation", token],
    queryFn: ({ signal }) => previewInvitation(token, signal),
    retry: false,
  });
  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t("team.invitation.unusable")}
        </Title>
        <ProblemAlert message={describeError(query.error, t)} />
        <Button component={Link} to="/" variant="default">
          {t("team.invitation.home")}
        </Button>
      </Stack>
    );
  return <Offer token={token} invitation={query.data} />;
}
