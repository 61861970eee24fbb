import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { login, type Credentials } from "../../api/auth";
import { AuthCard, AuthForm, FooterLink } from "../../app/components/AuthCard";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { PasswordField } from "../../app/components/PasswordField";
import { SocialButtons, socialErrorMessage } from "../../app/components/SocialButtons";
import { useFormProblem } from "../../app/components/useFormProblem";
import { TwoFactorStep } from "./TwoFactorStep";
import { ResendOutcome } from "./ResendOutcome";
import { useResendConfirmation } from "./useResendConfirmation";
import { takeReturn } from "./returnTo";
import { safeNext, validateEmail } from "../../app/validation";

/** Where the visitor comes from (`?confirmed=1` and so on), and the good news to greet them with. */
const ARRIVALS = [
  ["confirmed", "auth.signin.confirmed"],
  ["deleted", "deleteAccount.started"],
  ["reset", "auth.reset.done"],
] as const;

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
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
  const problem = useFormProblem(form, ["email", "password"]);

  const signIn = useMutation({
    mutationFn: login,
    onSuccess: (result) => {
      if (result.step === "two-factor") setSecondStep(true);
      else done();
    },
    onError: (error) => {
      const result = problem.show(error);
      // An unconfirmed address is reported on the email field: offer a new link.
      setEmailRejected(Boolean(result.fieldErrors.email));
    },
  });

  const submit = form.onSubmit((values) => {
    problem.clear();
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
    <AuthCard
      title={t("auth.signin.title")}
      footer={
        <>
          {t("auth.signin.noAccount")}{" "}
          <FooterLink to={params.get("next") ? `/signup?next=${encodeURIComponent(params.get("next") ?? "")}` : "/signup"}>
            {t("auth.signin.createAccount")}
          </FooterLink>
        </>
      }
    >
      {ARRIVALS.filter(([param]) => params.get(param) === "1").map(([param, message]) => (
        <Alert key={param} color="green" variant="light" role="alert">
          {t(message)}
        </Alert>
      ))}
      {params.get("confirm_error") === "1" && (
        <Alert color="red" variant="light" role="alert" title={t("auth.signin.confirmErrorTitle")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("auth.signin.confirmErrorBody")}</Text>
            {resendButton(t("auth.signin.resendLink"))}
          </Stack>
        </Alert>
      )}
      <ResendOutcome resend={resend} sent={t("auth.signin.resent", { email: resend.variables })} />
      <ProblemAlert message={socialError} />
      <ProblemAlert message={problem.problem} />
      <SocialButtons next={params.get("next") ?? undefined} />
      <AuthForm onSubmit={submit} submitLabel={t("auth.signin.submit")} submitting={signIn.isPending}>
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
      </AuthForm>
    </AuthCard>
  );
}
