import { Button, Code, Group, Image, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmTwoFactorSetup, startTwoFactorSetup } from "../../api/auth";
import type { TwoFactorSetupStart, User } from "../../api/types";
import { describeError, formProblem } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { RecoveryCodes } from "./RecoveryCodes";

interface TwoFactorSetupProps {
  user: User;
  /** Already started (moving to a new phone starts it once the owner has proven it is them). */
  started?: TwoFactorSetupStart;
  onDone: () => void;
  onCancel?: () => void;
}

/**
 * Adds an authenticator app: scan the QR code (or type the key), prove it with a
 * code, then keep the recovery codes. Nothing changes until the code is right.
 */
export function TwoFactorSetup({ user, started, onDone, onCancel }: TwoFactorSetupProps) {
  const { t } = useTranslation();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // A new secret per visit; never cached, never retried behind the user's back.
  const setup = useQuery({
    queryKey: ["two-factor-setup", user.id],
    queryFn: () => startTwoFactorSetup(),
    enabled: !started,
    initialData: started,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const form = useForm({
    initialValues: { code: "" },
    validate: { code: (value) => (/^\d{6}$/.test(value.replace(/\s+/g, "")) ? null : t("account.setup.codeInvalid")) },
  });
  const confirm = useMutation({
    mutationFn: (code: string) => confirmTwoFactorSetup(setup.data!.tf_state_token, code),
    // The first time the answer has the recovery codes; a new phone keeps the ones there are.
    onSuccess: (made) => (made.length ? setCodes(made) : onDone()),
    onError: (error) => {
      const result = formProblem(error, ["code"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
    },
  });

  if (codes) return <RecoveryCodes codes={codes} email={user.email} onFinish={onDone} />;
  if (setup.isPending) return <PageLoader />;
  if (setup.isError) {
    return <ProblemAlert title={t("account.setup.failedToStart")} message={describeError(setup.error, t)} />;
  }

  // Groups of four, as authenticator apps print it; they ignore the spaces.
  const key = setup.data.tf_authr_b32key.replace(/(.{4})(?=.)/g, "$1 ");
  const copyKey = async () => {
    try {
      await navigator.clipboard.writeText(key.replace(/\s+/g, ""));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const submit = form.onSubmit((values) => {
    setProblem(null);
    confirm.mutate(values.code.replace(/\s+/g, ""));
  });

  return (
    <Stack gap="md">
      <Text fw={600}>{t("account.setup.scan")}</Text>
      <Image src={setup.data.tf_authr_qrcode} alt={t("account.setup.qrAlt")} w={200} h={200} bg="white" p={8} />
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t("account.setup.cantScan")}
        </Text>
        <Group gap="xs">
          <Code fz="md" aria-label={t("account.setup.key")}>
            {key}
          </Code>
          <Button variant="subtle" size="compact-xs" onClick={() => void copyKey()}>
            {copied ? t("account.setup.copied") : t("account.setup.copyKey")}
          </Button>
        </Group>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fw={600}>{t("account.setup.enterCode")}</Text>
          <TextInput
            label={t("account.setup.code")}
            autoComplete="one-time-code"
            inputMode="numeric"
            maw={220}
            {...form.getInputProps("code")}
          />
          <ProblemAlert message={problem} />
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              {t("account.setup.verify")}
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {t("account.setup.cancel")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
