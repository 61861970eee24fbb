import { Button, Group } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface DialogActionsProps {
  onCancel: () => void;
  /** The first button's label: "Cancel" unless given ("Close" once the work is done). */
  cancelLabel?: string;
  /** Focus the leaving button when the dialog opens, so a stray Enter changes nothing. */
  focusCancel?: boolean;
  /** The buttons after it, such as the one that confirms. */
  children?: ReactNode;
}

/** A dialog's buttons, on the right: the one that leaves it first, then what it offers. */
export function DialogActions({ onCancel, cancelLabel, focusCancel, children }: DialogActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} data-autofocus={focusCancel || undefined}>
        {cancelLabel ?? t("common.cancel")}
      </Button>
      {children}
    </Group>
  );
}
