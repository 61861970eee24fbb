import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ConfirmDialog } from "./ConfirmDialog";
import { describeError } from "./errors";
import { IconTrash } from "./icons";

interface DeleteButtonProps {
  /** The mutation that deletes the thing the page shows. */
  remove: UseMutationResult<unknown, Error, void>;
  texts: { button: string; title: string; body: string; confirm: string; done: string };
  /** Where to go once it is deleted. */
  leaveTo: string;
  disabled?: boolean;
  /** Called just before leaving the page, so it does not ask about unsaved changes. */
  onDeleted?: () => void;
}

/** A designer's red "Delete …" button: asks, deletes, says so, and leaves for the list. */
export function DeleteButton({ remove, texts, leaveTo, disabled, onDeleted }: DeleteButtonProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = () => {
    setProblem(null);
    remove.mutate(undefined, {
      onSuccess: () => {
        close();
        onDeleted?.();
        notifications.show({ message: texts.done, color: "green" });
        void navigate(leaveTo);
      },
      onError: (error) => setProblem(describeError(error, t)),
    });
  };

  return (
    <>
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={open} disabled={disabled}>
        {texts.button}
      </Button>
      <ConfirmDialog
        opened={opened}
        title={texts.title}
        body={texts.body}
        confirmLabel={texts.confirm}
        onConfirm={confirm}
        onClose={close}
        loading={remove.isPending}
        problem={problem}
        danger
      />
    </>
  );
}
