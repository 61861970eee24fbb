import { Button, Modal, Stack } from "@mantine/core";
import type { FormEventHandler, ReactNode } from "react";
import { DialogActions } from "./DialogActions";

interface FormDialogProps {
  opened: boolean;
  title: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  confirmLabel: string;
  /** Red for what cannot be undone. */
  danger?: boolean;
  confirmDisabled?: boolean;
  loading?: boolean;
  /** What the dialog says and asks for, above Cancel and the confirm button. */
  children: ReactNode;
}

/** A dialog that is a small form: its fields, then Cancel and the button that sends it (Enter sends it too). */
export function FormDialog({ opened, title, onSubmit, onClose, confirmLabel, danger, confirmDisabled, loading, children }: FormDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {children}
          <DialogActions onCancel={onClose}>
            <Button type="submit" color={danger ? "red" : undefined} disabled={confirmDisabled} loading={loading}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </Stack>
      </form>
    </Modal>
  );
}
