import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AdminUser } from "../../api/admin";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { describeError } from "../../app/components/errors";
import { adminKeys } from "../queries";

interface ConfirmedActionProps {
  user: AdminUser;
  label: string;
  title: string;
  body: string;
  done: string;
  run: (id: number) => Promise<AdminUser>;
  danger?: boolean;
}

/** One change to an account, asked about first; the page shows the account as the server returns it. */
export function ConfirmedAction({ user, label, title, body, done, run, danger }: ConfirmedActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, dialog] = useDisclosure(false);
  const change = useMutation({
    mutationFn: () => run(user.id),
    onSuccess: (saved) => {
      dialog.close();
      queryClient.setQueryData(adminKeys.user(String(user.id)), saved);
      void queryClient.invalidateQueries({ queryKey: adminKeys.lists });
      notifications.show({ color: "green", message: done });
    },
  });
  return (
    <>
      <Button variant="default" onClick={dialog.open}>
        {label}
      </Button>
      <ConfirmDialog
        opened={opened}
        title={title}
        body={body}
        confirmLabel={label}
        onConfirm={() => change.mutate()}
        onClose={dialog.close}
        loading={change.isPending}
        problem={change.isError ? describeError(change.error, t) : null}
        danger={danger}
      />
    </>
  );
}
