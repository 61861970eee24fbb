import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router-dom";

/**
 * Asks before leaving a page with unsaved changes for another page of the app.
 * `shouldBlock` is read at the moment of leaving, so a page can let itself go
 * (after deleting what it edits, say) without a render in between.
 */
export function LeaveGuard({ shouldBlock }: { shouldBlock: () => boolean }) {
  const { t } = useTranslation();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && shouldBlock());
  return (
    <Modal opened={blocker.state === "blocked"} onClose={() => blocker.reset?.()} title={t("common.leaveTitle")} centered>
      <Stack gap="md">
        <Text size="sm">{t("common.leaveBody")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            {t("common.stay")}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t("common.leave")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
