import { useTranslation } from "react-i18next";
import { ConfirmDialog, type ConfirmDialogProps } from "./ConfirmDialog";
import { describeError } from "./errors";

/** The part of a react-query mutation the dialog follows. */
interface Mutation {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  reset: () => void;
}

interface MutationConfirmDialogProps extends Omit<ConfirmDialogProps, "loading" | "problem"> {
  /** What the confirm button starts: its progress shows on the button, its error in the dialog. */
  mutation: Mutation;
}

/** A ConfirmDialog for one mutation; closing it forgets the mutation's error, so it opens afresh. */
export function MutationConfirmDialog({ mutation, onClose, ...props }: MutationConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      {...props}
      onClose={() => {
        onClose();
        mutation.reset();
      }}
      loading={mutation.isPending}
      problem={mutation.isError ? describeError(mutation.error, t) : null}
    />
  );
}
