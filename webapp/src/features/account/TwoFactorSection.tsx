import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { disableTwoFactor, newRecoveryCodes } from "../../api/auth";
import type { User } from "../../api/types";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { describeError } from "../../app/components/errors";
import { formatDay } from "./format";
import { RecoveryCodes } from "./RecoveryCodes";
import { TwoFactorSetup } from "./TwoFactorSetup";

type Mode = "view" | "setup" | "codes";

/** Two-step sign-in in the account settings: set up, move to a new phone, turn off, new recovery codes. */
export function TwoFactorSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<Mode>("view");
  const [codes, setCodes] = useState<string[]>([]);
  const [turningOff, turnOffDialog] = useDisclosure(false);
  const [renewing, renewDialog] = useDisclosure(false);
  const status = user.two_factor;
  const enabled = Boolean(status?.enabled);
  // Past the deadline the set-up is required: turning it off would lock the account.
  const mayTurnOff = enabled && status !== undefined && Date.parse(status.due_at) > Date.now();

  const turnOff = useMutation({
    mutationFn: disableTwoFactor,
    onSuccess: () => {
      turnOffDialog.close();
      notifications.show({ message: t("account.twoFactor.turnedOff"), color: "green" });
    },
  });
  const renew = useMutation({
    mutationFn: newRecoveryCodes,
    onSuccess: (made) => {
      renewDialog.close();
      setCodes(made);
      setMode("codes");
    },
  });

  const finishSetup = () => {
    setMode("view");
    notifications.show({ message: t("account.setup.done"), color: "green" });
  };

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="two-factor-title">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" id="two-factor-title">
            {t("account.twoFactor.title")}
          </Title>
          <Badge color={enabled ? "green" : "gray"} variant="light">
            {enabled ? t("account.twoFactor.on") : t("account.twoFactor.off")}
          </Badge>
        </Group>
        {mode === "setup" && <TwoFactorSetup user={user} onDone={finishSetup} onCancel={() => setMode("view")} />}
        {mode === "codes" && <RecoveryCodes codes={codes} email={user.email} onFinish={() => setMode("view")} />}
        {mode === "view" && (
          <>
            <Text size="sm">{t("account.twoFactor.intro")}</Text>
            <Text size="sm" fw={500}>
              {enabled ? t("account.twoFactor.statusOn") : t("account.twoFactor.statusOff")}{" "}
              {!enabled && status?.prompt && t("account.twoFactor.dueOn", { date: formatDay(status.due_at, i18n.language) })}
            </Text>
            <Group gap="sm">
              <Button onClick={() => setMode("setup")} variant={enabled ? "default" : "filled"}>
                {enabled ? t("account.twoFactor.newPhone") : t("account.twoFactor.setUp")}
              </Button>
              {mayTurnOff && (
                <Button variant="subtle" color="red" onClick={turnOffDialog.open}>
                  {t("account.twoFactor.turnOff")}
                </Button>
              )}
            </Group>
            {enabled && !mayTurnOff && (
              <Text size="sm" c="dimmed">
                {t("account.twoFactor.cannotTurnOff")}
              </Text>
            )}
            {enabled && (
              <Stack gap="xs">
                <Title order={3} size="h5">
                  {t("account.twoFactor.recoveryTitle")}
                </Title>
                <Text size="sm">{t("account.twoFactor.recoveryIntro")}</Text>
                <Group>
                  <Button variant="default" onClick={renewDialog.open}>
                    {t("account.twoFactor.newCodes")}
                  </Button>
                </Group>
              </Stack>
            )}
          </>
        )}
      </Stack>
      <ConfirmDialog
        opened={turningOff}
        title={t("account.twoFactor.turnOffTitle")}
        body={t("account.twoFactor.turnOffBody")}
        confirmLabel={t("account.twoFactor.turnOff")}
        onConfirm={() => turnOff.mutate()}
        onClose={turnOffDialog.close}
        loading={turnOff.isPending}
        problem={turnOff.isError ? describeError(turnOff.error, t) : null}
        danger
      />
      <ConfirmDialog
        opened={renewing}
        title={t("account.twoFactor.newCodesTitle")}
        body={t("account.twoFactor.newCodesBody")}
        confirmLabel={t("account.twoFactor.newCodesConfirm")}
        onConfirm={() => renew.mutate()}
        onClose={renewDialog.close}
        loading={renew.isPending}
        problem={renew.isError ? describeError(renew.error, t) : null}
      />
    </Paper>
  );
}
