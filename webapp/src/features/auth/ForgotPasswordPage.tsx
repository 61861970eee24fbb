import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { requestPasswordReset } from "../../api/auth";
import { formProblem } from "../../app/components/errors";
import { Heading } from "../../app/components/Heading";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { validateEmail } from "../../app/validation";

/** Asks for a reset link by email; says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<string | null>(null);
  useDocumentTitle(`${t("auth.forgot.title")} · Loom`);
  const form = useForm({
    initialValues: { email: params.get("email") ?? "" },
    validate: { email: validateEmail(t) },
  });
  const send = useMutation({
    mutationFn: requestPasswordReset,
    onError: (error) => {
      const result = formProblem(error, ["email"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
    },
  });
  const submit = form.onSubmit((values) => {
    setProblem(null);
    send.mutate(values.email.trim());
  });

  return (
    <Stack gap="lg">
      <Heading title={t("auth.forgot.title")} intro={t("auth.forgot.intro")} />
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
      <ProblemAlert message={problem} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t("auth.email")} type="email" autoComplete="email" {...form.getInputProps("email")} />
          <Button type="submit" loading={send.isPending} fullWidth>
            {t("auth.forgot.submit")}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/signin">
          {t("auth.forgot.backToSignIn")}
        </Anchor>
      </Text>
    </Stack>
  );
}
