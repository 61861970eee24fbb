import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AdminUser } from "../../api/admin";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { confirming } from "../confirming";
import { adminKeys } from "../queries";

interface ConfirmedActionProps {
  user: AdminUser;
  /** Its texts are `admin.user.<name>` (the button), `<name>Title` and `<name>Body` (the question). */
  name: "disable" | "confirm" | "resetTwoFactor";
  /** What is said once it is done. */
  done: string;
  run: (id: number) => Promise<AdminUser>;
  danger?: boolean;
}

/** One change to an account, asked about first; the page shows the account as the server returns it. */
export function ConfirmedAction({ user, name, done, run, danger }: ConfirmedActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, dialog] = useDisclosure(false);
  const label = t(`admin.user.${name}`);
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
        title={t(`admin.user.${name}Title`, { email: user.email })}
        body={t(`admin.user.${name}Body`)}
        confirmLabel={label}
        onClose={dialog.close}
        danger={danger}
        {...confirming(change, t)}
      />
    </>
  );
}
