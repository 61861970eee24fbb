import { Button, Divider, Stack } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { startSocial } from "../../api/social";
import type { SocialProvider } from "../../api/types";
import { describeError } from "./errors";
import { ProblemAlert } from "./ProblemAlert";
import { useMeta } from "../meta";

/** "Continue with Google / Facebook": signs in, or creates the account on a first visit. */
export function SocialButtons({ next }: { next?: string }) {
  const { t } = useTranslation();
  const providers = useMeta().social_providers ?? [];
  const start = useMutation({ mutationFn: (provider: string) => startSocial(provider, "signin", next) });
  if (providers.length === 0) return null;
  return (
    <Stack gap="sm">
      <ProblemAlert message={start.isError ? describeError(start.error, t) : null} />
      {providers.map((provider) => (
        <Button
          key={provider.name}
          variant="default"
          fullWidth
          loading={start.isPending && start.variables === provider.name}
          onClick={() => start.mutate(provider.name)}
        >
          {t("social.continueWith", { provider: provider.label })}
        </Button>
      ))}
      <Divider label={t("social.or")} labelPosition="center" />
    </Stack>
  );
}

/** The sentence for a `social_error` the server sent the browser back with. */
export function socialErrorMessage(
  code: string | null,
  providerName: string | null,
  t: TFunction,
  providers: SocialProvider[],
): string | null {
  if (!code) return null;
  const provider = providers.find((p) => p.name === providerName)?.label ?? providerName ?? "";
  const known = ["cancelled", "failed", "email_exists", "no_email", "disabled", "taken", "already_linked"] as const;
  const key = known.find((k) => k === code) ?? "failed";
  return t(`social.errors.${key}`, { provider });
}
