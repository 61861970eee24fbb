import { Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConfirmDialogProps } from "./ConfirmDialog";
import { FormDialog } from "./FormDialog";
import { ProblemAlert } from "./ProblemAlert";

interface TypeToConfirmDialogProps extends Omit<ConfirmDialogProps, "cancelLabel" | "danger"> {
  /** What the person types to unlock the button (a name or an email address). */
  expected: string;
}

/** For what can never be undone: the button stays off until ``expected`` is typed. */
export function TypeToConfirmDialog(props: TypeToConfirmDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const matches = typed.trim().toLowerCase() === props.expected.trim().toLowerCase();
  const close = () => {
    setTyped("");
    props.onClose();
  };
  return (
    <FormDialog
      opened={props.opened}
      title={props.title}
      onSubmit={(event) => {
        event.preventDefault();
        if (matches) props.onConfirm();
      }}
      onClose={close}
      confirmLabel={props.confirmLabel}
      danger
      confirmDisabled={!matches}
      loading={props.loading}
    >
      {typeof props.body === "string" ? <Text size="sm">{props.body}</Text> : props.body}
      <TextInput
        label={t("common.typeToConfirm", { text: props.expected })}
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        autoComplete="off"
        data-autofocus
      />
      <ProblemAlert message={props.problem} />
    </FormDialog>
  );
}
