import { Alert } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { resetPassword } from "../../api/auth";
import { AuthCard, AuthForm, FooterLink } from "../../app/components/AuthCard";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { NewPasswordField } from "../../app/components/PasswordField";
import { useFormProblem } from "../../app/components/useFormProblem";
import { validateNewPassword } from "../../app/validation";

/** Opened from the emailed link: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  useDocumentTitle(`${t("auth.reset.title")} · Loom`);
  const form = useForm({ initialValues: { password: "" }, validate: { password: validateNewPassword(t) } });
  const problem = useFormProblem(form, ["password"]);
  const save = useMutation({
    mutationFn: (password: string) => resetPassword(token, password),
    onSuccess: () => void navigate("/signin?reset=1", { replace: true }),
    onError: problem.show,
  });
  const submit = form.onSubmit((values) => {
    problem.clear();
    save.mutate(values.password);
  });

  return (
    <AuthCard
      title={t("auth.reset.title")}
      intro={t("auth.reset.intro")}
      footer={<FooterLink to="/forgot-password">{t("auth.reset.askAgain")}</FooterLink>}
    >
      {!token && (
        <Alert color="red" variant="light" role="alert">
          {t("auth.reset.missingToken")}
        </Alert>
      )}
      <ProblemAlert message={problem.problem} />
      {token && (
        <AuthForm onSubmit={submit} submitLabel={t("auth.reset.submit")} submitting={save.isPending}>
          <NewPasswordField label={t("auth.reset.newPassword")} {...form.getInputProps("password")} />
        </AuthForm>
      )}
    </AuthCard>
  );
}
