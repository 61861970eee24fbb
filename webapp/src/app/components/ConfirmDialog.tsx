import { Button, Modal, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { DialogActions } from "./DialogActions";
import { ProblemAlert } from "./ProblemAlert";

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  /** The safe choice's words; "Cancel" unless the question needs others ("Stay on this page"). */
  cancelLabel?: string;
  loading?: boolean;
  problem?: string | null;
  /** Red for what deletes, discards or cannot be undone. */
  danger?: boolean;
}

/**
 * Asks before doing something that cannot simply be undone. The safe choice has the focus when
 * the dialog opens, so a second Enter (after the one that opened it) closes it and changes nothing.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack gap="md">
        {typeof props.body === "string" ? <Text size="sm">{props.body}</Text> : props.body}
        <ProblemAlert message={props.problem} />
        <DialogActions onCancel={props.onClose} cancelLabel={props.cancelLabel} focusCancel>
          <Button color={props.danger ? "red" : undefined} onClick={props.onConfirm} loading={props.loading}>
            {props.confirmLabel}
          </Button>
        </DialogActions>
      </Stack>
    </Modal>
  );
}
