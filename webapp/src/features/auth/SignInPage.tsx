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
import { useMeta } from "../../app/meta";
import { PasswordField } from "../../app/components/PasswordField";
import { SocialButtons, socialErrorMessage } from "../../app/components/SocialButtons";
import { TwoFactorStep } from "./TwoFactorStep";
import { useResendConfirmation } from "./useResendConfirmation";
import { takeReturn } from "./returnTo";
import { safeNext, validateEmail } from "../../app/validation";

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<string | null>(null);
  const [emailRejected, setEmailRejected] = useState(false);
  // A Google or Facebook sign-in of an account with two-step sign-in comes back here for the code.
  const [secondStep, setSecondStep] = useState(params.get("step") === "two-factor");
  const meta = useMeta();
  const socialError = socialErrorMessage(params.get("social_error"), params.get("provider"), t, meta.social_providers ?? []);
  const resend = useResendConfirmation();
  useDocumentTitle(`${t("auth.signin.title")} · Loom`);

  const done = () => void navigate(safeNext(params.get("next") ?? takeReturn()), { replace: true });

  const form = useForm<Credentials>({
    initialValues: { email: params.get("email") ?? "", password: "" },
    validate: {
      email: validateEmail(t),
      password: (value) => (value ? null : t("auth.passwordRequired")),
    },
  });

  const signIn = useMutation({
    mutationFn: login,
    onSuccess: (result) => {
      if (result.step === "two-factor") setSecondStep(true);
      else done();
    },
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

  if (secondStep) {
    const startOver = () => {
      form.setFieldValue("password", "");
      setSecondStep(false);
    };
    return <TwoFactorStep onSignedIn={done} onStartOver={startOver} />;
  }

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
      {params.get("deleted") === "1" && (
        <Alert color="green" variant="light" role="alert">
          {t("deleteAccount.started")}
        </Alert>
      )}
      {params.get("reset") === "1" && (
        <Alert color="green" variant="light" role="alert">
          {t("auth.reset.done")}
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
      <ProblemAlert message={socialError} />
      <ProblemAlert message={problem} />
      <SocialButtons next={params.get("next") ?? undefined} />
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
          <Anchor component={Link} to="/forgot-password" size="sm" mt={-8}>
            {t("auth.forgot.link")}
          </Anchor>
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t("auth.signin.submit")}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        {t("auth.signin.noAccount")}{" "}
        <Anchor component={Link} to={params.get("next") ? `/signup?next=${encodeURIComponent(params.get("next") ?? "")}` : "/signup"}>
          {t("auth.signin.createAccount")}
        </Anchor>
      </Text>
    </Stack>
  );
}
