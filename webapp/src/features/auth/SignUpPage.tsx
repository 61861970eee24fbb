import { TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { register, type Credentials } from "../../api/auth";
import { AuthCard, AuthForm, FooterLink } from "../../app/components/AuthCard";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { NewPasswordField } from "../../app/components/PasswordField";
import { useFormProblem } from "../../app/components/useFormProblem";
import { rememberReturn } from "./returnTo";
import { SocialButtons } from "../../app/components/SocialButtons";
import { validateEmail, validateNewPassword } from "../../app/validation";

export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  useDocumentTitle(`${t("auth.signup.title")} · Loom`);

  const form = useForm<Credentials>({
    initialValues: { email: params.get("email") ?? "", password: "" },
    validate: { email: validateEmail(t), password: validateNewPassword(t) },
  });
  const problem = useFormProblem(form, ["email", "password"]);

  const signUp = useMutation({
    mutationFn: register,
    onSuccess: (_data, credentials) => {
      rememberReturn(next);
      void navigate(`/signup/check-email?email=${encodeURIComponent(credentials.email)}`);
    },
    onError: problem.show,
  });

  const submit = form.onSubmit((values) => {
    problem.clear();
    signUp.mutate({ email: values.email.trim(), password: values.password });
  });

  return (
    <AuthCard
      title={t("auth.signup.title")}
      intro={t("auth.signup.intro")}
      footer={
        <>
          {t("auth.signup.haveAccount")}{" "}
          <FooterLink to={next ? `/signin?next=${encodeURIComponent(next)}` : "/signin"}>
            {t("auth.signup.signIn")}
          </FooterLink>
        </>
      }
    >
      <ProblemAlert message={problem.problem} />
      <SocialButtons next={next ?? undefined} />
      <AuthForm onSubmit={submit} submitLabel={t("auth.signup.submit")} submitting={signUp.isPending}>
        <TextInput label={t("auth.email")} type="email" autoComplete="email" {...form.getInputProps("email")} />
        <NewPasswordField label={t("auth.password")} {...form.getInputProps("password")} />
      </AuthForm>
    </AuthCard>
  );
}
