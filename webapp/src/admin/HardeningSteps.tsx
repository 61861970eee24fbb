import { Alert, Anchor, Button, Group, Stack, Stepper, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { HARDENING_STEPS, type HardeningStep } from "../api/admin";
import { resendConfirmation } from "../api/auth";
import type { User } from "../api/types";
import { describeError } from "../app/components/errors";
import { Heading } from "../app/components/Heading";
import { ProblemAlert } from "../app/components/ProblemAlert";
import { PasswordSection } from "../features/account/PasswordSection";
import { TwoFactorSetup } from "../features/account/TwoFactorSetup";
import { AdminFrame } from "./AdminFrame";
import { adminKeys, useAdminStatus } from "./queries";

interface HardeningStepsProps {
  step: HardeningStep;
  user: User;
  onSignOut: () => void;
}

/** The address must be the admin's: send the link, open it (in any tab), and this page moves on. */
function ConfirmEmailStep({ email, onCheck, checking }: { email: string; onCheck: () => void; checking: boolean }) {
  const { t } = useTranslation();
  const send = useMutation({ mutationFn: () => resendConfirmation(email) });
  return (
    <Stack gap="md" align="flex-start">
      <Text size="sm">{t("admin.harden.confirmBody", { email })}</Text>
      {send.isSuccess && (
        <Alert color="green" variant="light" role="status">
          {t("admin.harden.confirmSent", { email })}
        </Alert>
      )}
      {send.isError && <ProblemAlert message={describeError(send.error, t)} />}
      <Group gap="sm">
        <Button onClick={() => send.mutate()} loading={send.isPending} variant={send.isSuccess ? "default" : "filled"}>
          {send.isSuccess ? t("admin.harden.confirmAgain") : t("admin.harden.confirmSend")}
        </Button>
        <Button variant="subtle" onClick={onCheck} loading={checking}>
          {t("admin.harden.confirmCheck")}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The three steps an administrator takes before the back office opens, in this order:
 * a new password, a confirmed email address, two-step sign-in. The server decides the step.
 */
export function HardeningSteps({ step, user, onSignOut }: HardeningStepsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useAdminStatus(true, step === "confirm_email");
  const refresh = () => void queryClient.invalidateQueries({ queryKey: adminKeys.status });
  const active = HARDENING_STEPS.indexOf(step);
  useDocumentTitle(`${t("admin.harden.title")} · Loom`);

  return (
    <AdminFrame width={820}>
      <Stack gap="lg">
        <Heading title={t("admin.harden.title")} intro={t("admin.harden.intro")} />
        <Stepper active={active} size="sm" allowNextStepsSelect={false}>
          {HARDENING_STEPS.map((name) => (
            <Stepper.Step key={name} label={t(`admin.harden.steps.${name}`)} description={t(`admin.harden.hints.${name}`)} />
          ))}
        </Stepper>
        {step === "change_password" && (
          <Stack gap="sm">
            <Text size="sm">{t("admin.harden.passwordBody")}</Text>
            <PasswordSection user={user} onDone={refresh} />
          </Stack>
        )}
        {step === "confirm_email" && <ConfirmEmailStep email={user.email} onCheck={refresh} checking={status.isFetching} />}
        {step === "two_factor_setup" && (
          <Stack gap="sm">
            <Text size="sm">{t("admin.harden.twoFactorBody")}</Text>
            <TwoFactorSetup user={user} onDone={refresh} />
          </Stack>
        )}
        <Text size="sm" ta="center">
          <Anchor component="button" type="button" onClick={onSignOut}>
            {t("admin.signOut")}
          </Anchor>
        </Text>
      </Stack>
    </AdminFrame>
  );
}
