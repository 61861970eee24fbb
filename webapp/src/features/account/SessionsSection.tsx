import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { clearSession } from "../../api/client";
import { listSessions, revokeAllSessions, revokeSession, type SignInSession } from "../../api/sessions";
import { describeError } from "../../app/components/errors";
import { MutationConfirmDialog } from "../../app/components/MutationConfirmDialog";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { formatMoment } from "./format";
import { AccountSection } from "./AccountSection";

export const SESSIONS_KEY = ["auth", "sessions"] as const;

/** The places where the user is signed in, each with a way to sign it out. */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<SignInSession | null>(null);
  const [everywhere, setEverywhere] = useState(false);
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: listSessions });
  const revoke = useMutation({
    mutationFn: (session: SignInSession) => revokeSession(session.id),
    onSuccess: (_answer, session) => {
      setPending(null);
      if (session.current) {
        signedOut();
        return;
      }
      notifications.show({ message: t("account.sessions.revoked", { name: nameOf(session) }), color: "green" });
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const signedOut = () => {
    clearSession("logout");
    void navigate("/signin", { replace: true });
  };
  const revokeAll = useMutation({ mutationFn: revokeAllSessions, onSuccess: signedOut });
  const nameOf = (session: SignInSession) => session.name || t("account.sessions.unknown");

  return (
    <AccountSection id="sessions-title" title={t("account.sessions.title")} intro={t("account.sessions.intro")}>
      {sessions.isPending && <PageLoader />}
      {sessions.isError && (
        <ProblemAlert title={t("account.sessions.failed")} message={describeError(sessions.error, t)} />
      )}
      {sessions.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("account.sessions.empty")}
        </Text>
      )}
      {sessions.data && sessions.data.items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-labelledby="sessions-title">
          {sessions.data.items.map((session) => (
            <Group key={session.id} component="li" justify="space-between" wrap="nowrap" py="xs">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={500}>{nameOf(session)}</Text>
                  {session.current && (
                    <Badge variant="light" color="green">
                      {t("account.sessions.thisBrowser")}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {t("account.sessions.lastUsed", { date: formatMoment(session.last_used_at, i18n.language) })} ·{" "}
                  {t("account.sessions.started", { date: formatMoment(session.created_at, i18n.language) })}
                </Text>
              </Stack>
              <Button
                variant="default"
                size="xs"
                onClick={() => setPending(session)}
                aria-label={t("account.sessions.revokeNamed", { name: nameOf(session) })}
              >
                {t("account.sessions.revoke")}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      {sessions.data && sessions.data.items.length > 0 && (
        <Group>
          <Button variant="default" color="red" onClick={() => setEverywhere(true)}>
            {t("account.sessions.revokeAll")}
          </Button>
        </Group>
      )}
      <MutationConfirmDialog
        opened={everywhere}
        title={t("account.sessions.revokeAllTitle")}
        body={t("account.sessions.revokeAllBody")}
        confirmLabel={t("account.sessions.revokeAll")}
        onConfirm={() => revokeAll.mutate()}
        onClose={() => setEverywhere(false)}
        mutation={revokeAll}
        danger
      />
      <MutationConfirmDialog
        opened={pending !== null}
        title={t("account.sessions.revokeTitle")}
        body={
          pending?.current
            ? t("account.sessions.revokeCurrentBody")
            : t("account.sessions.revokeBody", { name: pending ? nameOf(pending) : "" })
        }
        confirmLabel={t("account.sessions.revoke")}
        onConfirm={() => pending && revoke.mutate(pending)}
        onClose={() => setPending(null)}
        mutation={revoke}
        danger
      />
    </AccountSection>
  );
}
