import { Button, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { changePassword } from "../../api/auth";
import type { User } from "../../api/types";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { NewPasswordField, PasswordField } from "../../app/components/PasswordField";
import { useFormProblem } from "../../app/components/useFormProblem";
import { validateNewPassword } from "../../app/validation";
import { AccountSection } from "./AccountSection";
import { SESSIONS_KEY } from "./SessionsSection";

/** Change the password: asks for the current one; every other session is signed out. */
export function PasswordSection({ user, onDone }: { user: User; onDone?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { password: "", new_password: "" },
    validate: {
      password: (value) => (value ? null : t("auth.passwordRequired")),
      new_password: validateNewPassword(t),
    },
  });
  const problem = useFormProblem(form, ["password", "new_password"]);
  const change = useMutation({
    mutationFn: (values: typeof form.values) => changePassword(values.password, values.new_password),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
      notifications.show({ message: t("account.password.done"), color: "green" });
      onDone?.();
    },
    onError: problem.show,
  });
  const submit = form.onSubmit((values) => {
    problem.clear();
    change.mutate(values);
  });

  if (user.has_password === false) {
    return (
      <AccountSection id="password-title" title={t("account.password.title")} gap={4}>
        <Text size="sm">{t("account.password.none")}</Text>
      </AccountSection>
    );
  }

  return (
    <AccountSection id="password-title" title={t("account.password.title")} intro={t("account.password.intro")} introWidth={420}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420}>
          <ProblemAlert message={problem.problem} />
          <PasswordField
            label={t("account.password.current")}
            autoComplete="current-password"
            {...form.getInputProps("password")}
          />
          <NewPasswordField label={t("account.password.new")} {...form.getInputProps("new_password")} />
          <div>
            <Button type="submit" loading={change.isPending}>
              {t("account.password.submit")}
            </Button>
          </div>
        </Stack>
      </form>
    </AccountSection>
  );
}
