import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { login, type Credentials } from "../../api/auth";
import { describeError, formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { PasswordField } from "./PasswordField";
import { useResendConfirmation } from "./useResendConfirmation";
import { safeNext, validateEmail } from "./validation";

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<string | null>(null);
  const [emailRejected, setEmailRejected] = useState(false);
  const resend = useResendConfirmation();
  useDocumentTitle(`${t("auth.signin.title")} · Loom`);

  const form = useForm<Credentials>({
    initialValues: { email: "", password: "" },
    validate: {
      email: validateEmail(t),
      password: (value) => (value ? null : t("auth.passwordRequired")),
    },
  });

  const signIn = useMutation({
    mutationFn: login,
    onSuccess: () => void navigate(safeNext(params.get("next")), { replace: true }),
    onError: (error) => {
      const result = formProblem(error, ["email", "password"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
      // An unconfirmed address is reported on the email field: offer a new link.
      setEmailRejected(Boolean(result.fieldErrors.email));
    },
  });

  const submit = form.onSubmit((values) => {
    setProblem(null);
    resend.reset();
    signIn.mutate({ email: values.email.trim(), password: values.password });
  });

  const sendLink = () => {
    const email = form.values.email.trim();
    const error = validateEmail(t)(email);
    if (error) {
      form.setFieldError("email", email ? error : t("auth.signin.enterEmailFirst"));
      document.getElementById("signin-email")?.focus();
      return;
    }
    resend.mutate(email);
  };

  const resendButton = (label: string) => (
    <Button variant="light" size="xs" loading={resend.isPending} onClick={sendLink}>
      {label}
    </Button>
  );

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t("auth.signin.title")}
      </Title>
      {params.get("confirmed") === "1" && (
        <Alert color="green" variant="light" role="alert">
          {t("auth.signin.confirmed")}
        </Alert>
      )}
      {params.get("confirm_error") === "1" && (
        <Alert color="red" variant="light" role="alert" title={t("auth.signin.confirmErrorTitle")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("auth.signin.confirmErrorBody")}</Text>
            {resendButton(t("auth.signin.resendLink"))}
          </Stack>
        </Alert>
      )}
      {resend.isSuccess && (
        <Alert color="green" variant="light" role="status">
          {t("auth.signin.resent", { email: resend.variables })}
        </Alert>
      )}
      {resend.isError && <ProblemAlert message={describeError(resend.error, t)} />}
      <ProblemAlert message={problem} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            id="signin-email"
            label={t("auth.email")}
            type="email"
            autoComplete="username"
            {...form.getInputProps("email")}
          />
          <PasswordField
            label={t("auth.password")}
            autoComplete="current-password"
            {...form.getInputProps("password")}
          />
          {emailRejected && !resend.isSuccess && (
            <Stack gap={4} align="flex-start">
              <Text size="sm" c="dimmed">
                {t("auth.signin.notConfirmedYet")}
              </Text>
              {resendButton(t("auth.checkEmail.resend"))}
            </Stack>
          )}
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t("auth.signin.submit")}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        {t("auth.signin.noAccount")}{" "}
        <Anchor component={Link} to="/signup">
          {t("auth.signin.createAccount")}
        </Anchor>
      </Text>
    </Stack>
  );
}
