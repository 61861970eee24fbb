import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { resetPassword } from "../../api/auth";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { PasswordField } from "../../app/components/PasswordField";
import { validateNewPassword } from "../../app/validation";

/** Opened from the emailed link: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [problem, setProblem] = useState<string | null>(null);
  useDocumentTitle(`${t("auth.reset.title")} · Loom`);
  const form = useForm({ initialValues: { password: "" }, validate: { password: validateNewPassword(t) } });
  const save = useMutation({
    mutationFn: (password: string) => resetPassword(token, password),
    onSuccess: () => void navigate("/signin?reset=1", { replace: true }),
    onError: (error) => {
      const result = formProblem(error, ["password"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
    },
  });
  const submit = form.onSubmit((values) => {
    setProblem(null);
    save.mutate(values.password);
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("auth.reset.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("auth.reset.intro")}
        </Text>
      </Stack>
      {!token && (
        <Alert color="red" variant="light" role="alert">
          {t("auth.reset.missingToken")}
        </Alert>
      )}
      <ProblemAlert message={problem} />
      {token && (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <PasswordField
              label={t("auth.reset.newPassword")}
              description={t("auth.passwordHelp")}
              autoComplete="new-password"
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={save.isPending} fullWidth>
              {t("auth.reset.submit")}
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/forgot-password">
          {t("auth.reset.askAgain")}
        </Anchor>
      </Text>
    </Stack>
  );
}
