import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { UseMutationResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { TypeToConfirmDialog } from "../app/components/TypeToConfirmDialog";
import { confirming } from "./confirming";

interface DeleteForGoodProps {
  /** The deletion; once it succeeds the page shows what comes next, and the dialog goes with it. */
  remove: UseMutationResult<unknown, Error, void>;
  label: string;
  title: string;
  body: string;
  /** What the admin types to unlock the button: the address of what is deleted. */
  expected: string;
}

/** A red button for what can never be undone: it asks, and deletes once ``expected`` is typed. */
export function DeleteForGood({ remove, label, title, body, expected }: DeleteForGoodProps) {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  return (
    <>
      <Button color="red" variant="light" onClick={dialog.open}>
        {label}
      </Button>
      <TypeToConfirmDialog
        opened={opened}
        title={title}
        body={body}
        expected={expected}
        confirmLabel={t("admin.user.deleteConfirm")}
        onClose={dialog.close}
        {...confirming(remove, t)}
      />
    </>
  );
}
