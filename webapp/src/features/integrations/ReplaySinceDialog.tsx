import { Button, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { replayFailedSince } from "../../api/hooks";
import { DateTimeInput } from "../../app/components/DateInput";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { utcToZonedInput, zonedInputToIso } from "../../app/timezone";
import { DialogActions } from "../../app/components/DialogActions";

interface ReplaySinceDialogProps {
  opened: boolean;
  slug: string;
  hookId: string;
  timeZone: string;
  onDone: () => void;
  onClose: () => void;
}

/** "Replay failed since…": every dead letter of the hook since a time, in the workspace's time. */
export function ReplaySinceDialog({ opened, slug, hookId, timeZone, onDone, onClose }: ReplaySinceDialogProps) {
  const { t } = useTranslation();
  const [since, setSince] = useState(() => utcToZonedInput(new Date(Date.now() - 86_400_000).toISOString(), timeZone));
  const [missing, setMissing] = useState(false);
  const replay = useMutation({
    mutationFn: (iso: string) => replayFailedSince(slug, hookId, iso),
    onSuccess: (result) => {
      notifications.show({ color: "green", message: t("integrations.deliveries.replayedCount", { count: result.replayed }) });
      onDone();
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = zonedInputToIso(since, timeZone);
    setMissing(!iso);
    if (iso) replay.mutate(iso);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t("integrations.deliveries.replayFailedTitle")} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t("integrations.deliveries.replayFailedBody")}</Text>
          <DateTimeInput
            label={t("integrations.deliveries.since")}
            value={since}
            timeZone={timeZone}
            onChange={setSince}
            error={missing ? t("integrations.deliveries.sinceRequired") : null}
            data-autofocus
          />
          <ProblemAlert message={replay.isError ? describeError(replay.error, t) : null} />
          <DialogActions onCancel={onClose}>
            <Button type="submit" loading={replay.isPending}>
              {t("integrations.deliveries.replayFailedConfirm")}
            </Button>
          </DialogActions>
        </Stack>
      </form>
    </Modal>
  );
}
