import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { disableTwoFactor, newRecoveryCodes, startTwoFactorSetup } from "../../api/auth";
import type { TwoFactorSetupStart, User } from "../../api/types";
import { AccountSection } from "./AccountSection";
import { formatDay } from "./format";
import { Heading } from "../../app/components/Heading";
import { ProveIdentityDialog } from "../../app/components/ProveIdentityDialog";
import { RecoveryCodes } from "./RecoveryCodes";
import { TwoFactorSetup } from "./TwoFactorSetup";

type Mode = "view" | "setup" | "codes";

/** Two-step sign-in in the account settings: set up, move to a new phone, turn off, new recovery codes. */
export function TwoFactorSection({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<Mode>("view");
  const [codes, setCodes] = useState<string[]>([]);
  const [started, setStarted] = useState<TwoFactorSetupStart | undefined>();
  const [turningOff, turnOffDialog] = useDisclosure(false);
  const [renewing, renewDialog] = useDisclosure(false);
  const [moving, moveDialog] = useDisclosure(false);
  const status = user.two_factor;
  const enabled = Boolean(status?.enabled);
  // Past the deadline the set-up is required: turning it off would lock the account.
  const mayTurnOff = enabled && status !== undefined && Date.parse(status.due_at) > Date.now();

  const finishSetup = () => {
    setMode("view");
    setStarted(undefined);
    notifications.show({ message: t("account.setup.done"), color: "green" });
  };

  return (
    <AccountSection
      id="two-factor-title"
      title={t("account.twoFactor.title")}
      status={
        <Badge color={enabled ? "green" : "gray"} variant="light">
          {enabled ? t("account.twoFactor.on") : t("account.twoFactor.off")}
        </Badge>
      }
    >
      {mode === "setup" && <TwoFactorSetup user={user} started={started} onDone={finishSetup} onCancel={finishSetup} />}
      {mode === "codes" && <RecoveryCodes codes={codes} email={user.email} onFinish={() => setMode("view")} />}
      {mode === "view" && (
        <>
          <Text size="sm">{t("account.twoFactor.intro")}</Text>
          <Text size="sm" fw={500}>
            {enabled ? t("account.twoFactor.statusOn") : t("account.twoFactor.statusOff")}{" "}
            {!enabled && status?.prompt && t("account.twoFactor.dueOn", { date: formatDay(status.due_at, i18n.language) })}
          </Text>
          <Group gap="sm">
            <Button onClick={enabled ? moveDialog.open : () => setMode("setup")} variant={enabled ? "default" : "filled"}>
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
              <Heading level={3} title={t("account.twoFactor.recoveryTitle")} />
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
      <ProveIdentityDialog
        opened={moving}
        user={user}
        title={t("account.twoFactor.newPhoneTitle")}
        body={t("account.twoFactor.newPhoneBody")}
        confirmLabel={t("account.twoFactor.newPhoneConfirm")}
        action={startTwoFactorSetup}
        onDone={(start) => {
          moveDialog.close();
          setStarted(start);
          setMode("setup");
        }}
        onClose={moveDialog.close}
      />
      <ProveIdentityDialog
        opened={turningOff}
        user={user}
        title={t("account.twoFactor.turnOffTitle")}
        body={t("account.twoFactor.turnOffBody")}
        confirmLabel={t("account.twoFactor.turnOff")}
        action={disableTwoFactor}
        onDone={() => {
          turnOffDialog.close();
          notifications.show({ message: t("account.twoFactor.turnedOff"), color: "green" });
        }}
        onClose={turnOffDialog.close}
        danger
      />
      <ProveIdentityDialog
        opened={renewing}
        user={user}
        title={t("account.twoFactor.newCodesTitle")}
        body={t("account.twoFactor.newCodesBody")}
        confirmLabel={t("account.twoFactor.newCodesConfirm")}
        action={newRecoveryCodes}
        onDone={(made) => {
          renewDialog.close();
          setCodes(made);
          setMode("codes");
        }}
        onClose={renewDialog.close}
      />
    </AccountSection>
  );
}
