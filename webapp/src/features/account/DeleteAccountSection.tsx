import { Button, Checkbox, Group, Modal, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { deleteAccount, type DeleteProof } from "../../api/account";
import { clearSession } from "../../api/client";
import type { User } from "../../api/types";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { PasswordField } from "../auth/PasswordField";

/** Deleting the account for good, after proving it is the owner. */
export function DeleteAccountSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const [problem, setProblem] = useState<string | null>(null);
  const hasPassword = user.has_password !== false;
  const hasCode = Boolean(user.two_factor?.enabled);
  const form = useForm({
    initialValues: { password: "", code: "", confirm_email: "", understand: false },
    validate: {
      password: (value) => (hasPassword && !value ? t("auth.passwordRequired") : null),
      code: (value) => (hasCode && !/^\d{6}$/.test(value.replace(/\s+/g, "")) ? t("account.setup.codeInvalid") : null),
      confirm_email: (value) =>
        !hasPassword && !hasCode && value.trim().toLowerCase() !== user.email.toLowerCase()
          ? t("auth.emailInvalid")
          : null,
    },
  });
  const remove = useMutation({
    mutationFn: deleteAccount,
    // The signed-in pages then send the browser to the sign-in page, which says what happens next.
    onSuccess: () => clearSession("deleted"),
    onError: (error) => {
      const result = formProblem(error, ["password", "code", "confirm_email"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
    },
  });
  const submit = form.onSubmit((values) => {
    setProblem(null);
    const proof: DeleteProof = {};
    if (hasPassword) proof.password = values.password;
    if (hasCode) proof.code = values.code.replace(/\s+/g, "");
    if (!hasPassword && !hasCode) proof.confirm_email = values.confirm_email.trim();
    remove.mutate(proof);
  });
  const close = () => {
    dialog.close();
    form.reset();
    setProblem(null);
  };

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="delete-title" style={{ borderColor: "var(--mantine-color-red-3)" }}>
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3" id="delete-title">
          {t("deleteAccount.title")}
        </Title>
        <Text size="sm">{t("deleteAccount.intro")}</Text>
        <Button color="red" variant="light" onClick={dialog.open}>
          {t("deleteAccount.button")}
        </Button>
      </Stack>
      <Modal opened={opened} onClose={close} title={t("deleteAccount.dialogTitle")} centered>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t("deleteAccount.dialogBody")}</Text>
            <ProblemAlert message={problem} />
            {hasPassword && (
              <PasswordField label={t("deleteAccount.password")} autoComplete="current-password" data-autofocus {...form.getInputProps("password")} />
            )}
            {hasCode && (
              <TextInput label={t("deleteAccount.code")} autoComplete="one-time-code" inputMode="numeric" {...form.getInputProps("code")} />
            )}
            {!hasPassword && !hasCode && (
              <TextInput label={t("deleteAccount.confirmEmail", { email: user.email })} {...form.getInputProps("confirm_email")} />
            )}
            <Checkbox label={t("deleteAccount.understand")} {...form.getInputProps("understand", { type: "checkbox" })} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" color="red" disabled={!form.values.understand} loading={remove.isPending}>
                {t("deleteAccount.confirm")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
