import { Button, Paper, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { changePassword } from "../../api/auth";
import type { User } from "../../api/types";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { PasswordField } from "../../app/components/PasswordField";
import { validateNewPassword } from "../../app/validation";
import { SESSIONS_KEY } from "./SessionsSection";

/** Change the password: asks for the current one; every other session is signed out. */
export function PasswordSection({ user, onDone }: { user: User; onDone?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: "", new_password: "" },
    validate: {
      password: (value) => (value ? null : t("auth.passwordRequired")),
      new_password: validateNewPassword(t),
    },
  });
  const change = useMutation({
    mutationFn: (values: typeof form.values) => changePassword(values.password, values.new_password),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
      notifications.show({ message: t("account.password.done"), color: "green" });
      onDone?.();
    },
    onError: (error) => {
      const result = formProblem(error, ["password", "new_password"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
    },
  });
  const submit = form.onSubmit((values) => {
    setProblem(null);
    change.mutate(values);
  });

  if (user.has_password === false) {
    return (
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="password-title">
        <Stack gap={4}>
          <Title order={2} size="h3" id="password-title">
            {t("account.password.title")}
          </Title>
          <Text size="sm">{t("account.password.none")}</Text>
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="password-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420}>
          <Stack gap={4}>
            <Title order={2} size="h3" id="password-title">
              {t("account.password.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("account.password.intro")}
            </Text>
          </Stack>
          <ProblemAlert message={problem} />
          <PasswordField
            label={t("account.password.current")}
            autoComplete="current-password"
            {...form.getInputProps("password")}
          />
          <PasswordField
            label={t("account.password.new")}
            description={t("auth.passwordHelp")}
            autoComplete="new-password"
            {...form.getInputProps("new_password")}
          />
          <div>
            <Button type="submit" loading={change.isPending}>
              {t("account.password.submit")}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
