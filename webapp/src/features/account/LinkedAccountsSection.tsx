import { Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { listLinkedIdentities, startSocial, unlinkIdentity } from "../../api/social";
import type { SocialProvider } from "../../api/types";
import { describeError } from "../../app/components/errors";
import { MutationConfirmDialog } from "../../app/components/MutationConfirmDialog";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { socialErrorMessage } from "../../app/components/SocialButtons";
import { AccountSection } from "./AccountSection";

const LINKED_KEY = ["auth", "social"] as const;

/** Google and Facebook as ways in: link (through the provider's page) and unlink. */
export function LinkedAccountsSection() {
  const { t } = useTranslation();
  const providers = useMeta().social_providers ?? [];
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [pending, setPending] = useState<SocialProvider | null>(null);
  const linked = useQuery({ queryKey: LINKED_KEY, queryFn: listLinkedIdentities, enabled: providers.length > 0 });
  const link = useMutation({ mutationFn: (provider: string) => startSocial(provider, "link") });
  const unlink = useMutation({
    mutationFn: (provider: SocialProvider) => unlinkIdentity(provider.name),
    onSuccess: (_answer, provider) => {
      setPending(null);
      notifications.show({ message: t("social.unlinkedDone", { provider: provider.label }), color: "green" });
      void queryClient.invalidateQueries({ queryKey: LINKED_KEY });
    },
  });
  const labelOf = (name: string | null) => providers.find((p) => p.name === name)?.label ?? name ?? "";
  const error = socialErrorMessage(params.get("social_error"), params.get("provider"), t, providers);
  const justLinked = params.get("linked");

  useEffect(() => {
    if (!justLinked) return;
    notifications.show({ message: t("social.linkedDone", { provider: labelOf(justLinked) }), color: "green" });
    setParams((current) => {
      current.delete("linked");
      return current;
    }, { replace: true });
    // Shown once per return from the provider.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [justLinked]);

  if (providers.length === 0) return null;
  return (
    <AccountSection id="linked-title" title={t("social.title")} intro={t("social.intro")}>
      <ProblemAlert message={error} />
      <ProblemAlert message={link.isError ? describeError(link.error, t) : null} />
      {linked.isPending && <PageLoader />}
      {linked.isError && <ProblemAlert message={describeError(linked.error, t)} />}
      {linked.data &&
        providers.map((provider) => {
          const identity = linked.data.items.find((item) => item.provider === provider.name);
          return (
            <Group key={provider.name} justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Text fw={500}>{provider.label}</Text>
                <Text size="sm" c="dimmed">
                  {identity
                    ? identity.email
                      ? t("social.linked", { email: identity.email })
                      : t("social.linkedNoEmail")
                    : t("social.notLinked")}
                </Text>
              </Stack>
              {identity ? (
                <Button variant="default" size="xs" onClick={() => setPending(provider)}>
                  {t("social.unlink", { provider: provider.label })}
                </Button>
              ) : (
                <Button
                  variant="light"
                  size="xs"
                  loading={link.isPending && link.variables === provider.name}
                  onClick={() => link.mutate(provider.name)}
                >
                  {t("social.link", { provider: provider.label })}
                </Button>
              )}
            </Group>
          );
        })}
      <MutationConfirmDialog
        opened={pending !== null}
        title={t("social.unlinkTitle", { provider: pending?.label ?? "" })}
        body={t("social.unlinkBody", { provider: pending?.label ?? "" })}
        confirmLabel={t("social.unlink", { provider: pending?.label ?? "" })}
        onConfirm={() => pending && unlink.mutate(pending)}
        onClose={() => setPending(null)}
        mutation={unlink}
        danger
      />
    </AccountSection>
  );
}
