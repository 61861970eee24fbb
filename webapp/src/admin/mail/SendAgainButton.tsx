import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { describeError } from "../../app/components/errors";
import { adminKeys } from "../queries";
import { sendMailAgain, type AdminMail } from "./api";

/** Sends one dead letter again; the list reads itself again, so the row leaves it. */
export function SendAgainButton({ mail }: { mail: AdminMail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refetch = () => void queryClient.invalidateQueries({ queryKey: adminKeys.list("mail") });
  const send = useMutation({
    mutationFn: () => sendMailAgain(mail.id),
    onSuccess: () => {
      notifications.show({ color: "green", message: t("admin.mail.sentAgain", { recipient: mail.recipient }) });
      refetch();
    },
    onError: (error) => {
      const already = error instanceof ApiError && error.status === 409;
      notifications.show({ color: already ? "blue" : "red", message: already ? t("admin.mail.alreadySentAgain") : describeError(error, t) });
      if (already) refetch();
    },
  });
  return (
    <Button
      size="compact-sm"
      variant="light"
      loading={send.isPending}
      onClick={() => send.mutate()}
      aria-label={t("admin.mail.sendAgainTo", { recipient: mail.recipient, subject: mail.subject })}
    >
      {t("admin.mail.sendAgain")}
    </Button>
  );
}
