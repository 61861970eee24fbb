import { Alert, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { requestPasswordReset } from "../../api/auth";
import { AuthCard, AuthForm, FooterLink } from "../../app/components/AuthCard";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useFormProblem } from "../../app/components/useFormProblem";
import { validateEmail } from "../../app/validation";

/** Asks for a reset link by email; says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  useDocumentTitle(`${t("auth.forgot.title")} · Loom`);
  const form = useForm({
    initialValues: { email: params.get("email") ?? "" },
    validate: { email: validateEmail(t) },
  });
  const problem = useFormProblem(form, ["email"]);
  const send = useMutation({ mutationFn: requestPasswordReset, onError: problem.show });
  const submit = form.onSubmit((values) => {
    problem.clear();
    send.mutate(values.email.trim());
  });

  return (
    <AuthCard
      title={t("auth.forgot.title")}
      intro={t("auth.forgot.intro")}
      footer={<FooterLink to="/signin">{t("auth.forgot.backToSignIn")}</FooterLink>}
    >
      {params.get("reset_error") === "1" && !send.isSuccess && (
        <Alert color="red" variant="light" role="alert">
          {t("auth.forgot.linkError")}
        </Alert>
      )}
      {send.isSuccess && (
        <Alert color="green" variant="light" role="status">
          {t("auth.forgot.sent", { email: send.variables })}
        </Alert>
      )}
      <ProblemAlert message={problem.problem} />
      <AuthForm onSubmit={submit} submitLabel={t("auth.forgot.submit")} submitting={send.isPending}>
        <TextInput label={t("auth.email")} type="email" autoComplete="email" {...form.getInputProps("email")} />
      </AuthForm>
    </AuthCard>
  );
}
