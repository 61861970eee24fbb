import { Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isCodeAlreadyUsed } from "../../api/auth";
import type { IdentityProof, User } from "../../api/types";
import { FormDialog } from "./FormDialog";
import { ProblemAlert } from "./ProblemAlert";
import { PasswordField } from "./PasswordField";
import { useFormProblem } from "./useFormProblem";

const FIELDS = ["password", "code", "confirm_email"];

interface ProveIdentityDialogProps<T> {
  opened: boolean;
  user: User;
  title: string;
  body: string;
  confirmLabel: string;
  /** What to do with the proof; the server checks it in that same request. */
  action: (proof: IdentityProof) => Promise<T>;
  onDone: (result: T) => void;
  onClose: () => void;
  /** Red for what cannot be undone. */
  danger?: boolean;
  /** What the change is about, shown before the proof (a new API key's name and role). */
  fields?: ReactNode;
  /** More to agree to before the button works (such as "I understand..."). */
  children?: ReactNode;
  confirmDisabled?: boolean;
}

/**
 * Asks for what proves it is the account's owner right now, for changes a stolen session must
 * not be able to make: the password, a code from the app (or a recovery code, having lost the
 * phone), and for an account with neither, the email address typed out.
 */
export function ProveIdentityDialog<T>(props: ProveIdentityDialogProps<T>) {
  const { t } = useTranslation();
  const { user } = props;
  const hasPassword = user.has_password !== false;
  const hasCode = Boolean(user.two_factor?.enabled);
  const form = useForm({
    initialValues: { password: "", code: "", confirm_email: "" },
    validate: {
      password: (value) => (hasPassword && !value ? t("auth.passwordRequired") : null),
      code: (value) => (hasCode && !value.trim() ? t("proof.codeRequired") : null),
      confirm_email: (value) =>
        !hasPassword && !hasCode && value.trim().toLowerCase() !== user.email.toLowerCase() ? t("auth.emailInvalid") : null,
    },
  });
  const problem = useFormProblem(form, FIELDS);
  const run = useMutation({
    mutationFn: props.action,
    onSuccess: (result) => {
      form.reset();
      props.onDone(result);
    },
    onError: (error) => {
      if (isCodeAlreadyUsed(error)) form.setErrors({ code: t("auth.twoFactor.codeUsed") });
      else problem.show(error);
    },
  });
  const submit = form.onSubmit((values) => {
    problem.clear();
    const proof: IdentityProof = {};
    if (hasPassword) proof.password = values.password;
    if (hasCode) proof.code = values.code.replace(/\s+/g, "");
    if (!hasPassword && !hasCode) proof.confirm_email = values.confirm_email.trim();
    run.mutate(proof);
  });
  const close = () => {
    form.reset();
    problem.clear();
    props.onClose();
  };

  return (
    <FormDialog
      opened={props.opened}
      title={props.title}
      onSubmit={submit}
      onClose={close}
      confirmLabel={props.confirmLabel}
      danger={props.danger}
      confirmDisabled={props.confirmDisabled}
      loading={run.isPending}
    >
      <Text size="sm">{props.body}</Text>
      {props.fields}
      <ProblemAlert message={problem.problem} />
      {hasPassword && (
        <PasswordField label={t("proof.password")} autoComplete="current-password" data-autofocus {...form.getInputProps("password")} />
      )}
      {hasCode && (
        <TextInput
          label={t("proof.code")}
          description={t("proof.codeHelp")}
          autoComplete="one-time-code"
          data-autofocus={!hasPassword || undefined}
          {...form.getInputProps("code")}
        />
      )}
      {!hasPassword && !hasCode && (
        <TextInput label={t("proof.confirmEmail", { email: user.email })} data-autofocus {...form.getInputProps("confirm_email")} />
      )}
      {props.children}
    </FormDialog>
  );
}
