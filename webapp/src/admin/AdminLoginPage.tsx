import { Alert, Anchor, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { login, logout, type Credentials } from "../api/auth";
import { getSession } from "../api/client";
import { AuthCard, AuthForm } from "../app/components/AuthCard";
import { ProblemAlert } from "../app/components/ProblemAlert";
import { PasswordField } from "../app/components/PasswordField";
import { useFormProblem } from "../app/components/useFormProblem";
import { TwoFactorStep } from "../features/auth/TwoFactorStep";
import { useSession } from "../app/useSession";
import { validateEmail } from "../app/validation";
import { adminNext } from "./paths";
import { adminKeys } from "./queries";

/**
 * `/admin/login`: the administrators' own sign-in (the same accounts API as everyone's).
 * Anyone else is signed out again at once and told where their sign-in is.
 */
export function AdminLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const session = useSession();
  const [secondStep, setSecondStep] = useState(false);
  const [refused, setRefused] = useState(false);
  useDocumentTitle(`${t("admin.login.title")} · Loom`);
  const next = adminNext(params.get("next"));

  const form = useForm<Credentials>({
    initialValues: { email: "", password: "" },
    validate: { email: validateEmail(t), password: (value) => (value ? null : t("auth.passwordRequired")) },
  });
  const problem = useFormProblem(form, ["email", "password"]);

  const finish = async () => {
    setSecondStep(false);
    if (!getSession().user?.admin) {
      await logout().catch(() => undefined);
      form.setFieldValue("password", "");
      setRefused(true);
      return;
    }
    queryClient.removeQueries({ queryKey: adminKeys.all });
    void navigate(next, { replace: true });
  };

  const signIn = useMutation({
    mutationFn: login,
    onSuccess: (result) => (result.step === "two-factor" ? setSecondStep(true) : void finish()),
    onError: problem.show,
  });

  if (session.status === "signed-in" && session.user?.admin && !signIn.isPending && !secondStep) return <Navigate to={next} replace />;
  if (secondStep) {
    return (
      <TwoFactorStep
        onSignedIn={() => void finish()}
        onStartOver={() => {
          form.setFieldValue("password", "");
          setSecondStep(false);
        }}
      />
    );
  }

  const submit = form.onSubmit((values) => {
    problem.clear();
    setRefused(false);
    signIn.mutate({ email: values.email.trim(), password: values.password });
  });

  return (
    <AuthCard title={t("admin.login.title")} intro={t("admin.login.intro")}>
      {refused && (
        <Alert color="orange" variant="light" role="alert" title={t("admin.login.refusedTitle")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("admin.login.refusedBody")}</Text>
            <Anchor component={Link} to="/signin" size="sm">
              {t("admin.login.toApp")}
            </Anchor>
          </Stack>
        </Alert>
      )}
      <ProblemAlert message={problem.problem} />
      <AuthForm onSubmit={submit} submitLabel={t("auth.signin.submit")} submitting={signIn.isPending}>
        <TextInput label={t("auth.email")} type="email" autoComplete="username" {...form.getInputProps("email")} />
        <PasswordField label={t("auth.password")} autoComplete="current-password" {...form.getInputProps("password")} />
      </AuthForm>
    </AuthCard>
  );
}
