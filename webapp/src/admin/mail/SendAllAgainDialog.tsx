import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DateTimeInput } from "../../app/components/DateInput";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { utcToZonedInput, zonedInputToIso } from "../../app/timezone";
import { browserZone } from "../format";
import { adminKeys } from "../queries";
import { sendAllMailAgain } from "./api";

interface SendAllAgainDialogProps {
  opened: boolean;
  /** The workspace filter of the page (a slug), or "" for all of Loom. */
  tenant: string;
  onClose: () => void;
}

const dayAgo = () => utcToZonedInput(new Date(Date.now() - 86_400_000).toISOString(), browserZone());

/**
 * "Send all again…": every dead letter queued since a time (in the admin's own time zone), of the
 * filtered workspace or all of Loom. The server restarts a capped number per call, so it is called
 * again while it says there is more; the count so far shows meanwhile. Cancel has the focus.
 */
export function SendAllAgainDialog({ opened, tenant, onClose }: SendAllAgainDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [since, setSince] = useState(dayAgo);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(0);
  const send = useMutation({
    mutationFn: async (iso: string) => {
      let total = 0;
      for (;;) {
        const result = await sendAllMailAgain(iso, tenant || null);
        total += result.sent_again;
        setDone(total);
        if (!result.more || result.sent_again === 0) return total;
      }
    },
    onSuccess: (total) => {
      notifications.show({ color: "green", message: total ? t("admin.mail.sentAllAgain", { count: total }) : t("admin.mail.noneToSend") });
      onClose();
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: adminKeys.list("mail") }),
  });
  const running = send.isPending;

  useEffect(() => {
    if (!opened) return;
    setSince(dayAgo());
    setMissing(false);
    setDone(0);
    send.reset();
  }, [opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = zonedInputToIso(since, browserZone());
    setMissing(!iso);
    if (iso) {
      setDone(0);
      send.mutate(iso);
    }
  };
  const close = () => {
    if (!running) onClose();
  };
  const problem = send.isError
    ? [describeError(send.error, t), done ? t("admin.mail.sentSoFar", { count: done }) : ""].filter(Boolean).join(" ")
    : null;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("admin.mail.sendAllTitle")}
      centered
      closeOnEscape={!running}
      closeOnClickOutside={!running}
      withCloseButton={!running}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{tenant ? t("admin.mail.sendAllBodyWorkspace", { workspace: tenant }) : t("admin.mail.sendAllBody")}</Text>
          <DateTimeInput
            label={t("admin.mail.since")}
            description={t("admin.mail.sinceHint")}
            value={since}
            onChange={setSince}
            error={missing ? t("admin.mail.sinceRequired") : null}
            disabled={running}
            required
          />
          <Text size="sm" role="status" aria-live="polite">
            {running ? t("admin.mail.sentSoFar", { count: done }) : ""}
          </Text>
          <ProblemAlert message={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={running} data-autofocus>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={running}>
              {t("admin.mail.sendAllConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
