import { Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { register, type Credentials } from "../../api/auth";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { PasswordField } from "../../app/components/PasswordField";
import { rememberReturn } from "./returnTo";
import { SocialButtons } from "../../app/components/SocialButtons";
import { validateEmail, validateNewPassword } from "../../app/validation";

export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const [problem, setProblem] = useState<string | null>(null);
  useDocumentTitle(`${t("auth.signup.title")} · Loom`);

  const form = useForm<Credentials>({
    initialValues: { email: params.get("email") ?? "", password: "" },
    validate: { email: validateEmail(t), password: validateNewPassword(t) },
  });

  const signUp = useMutation({
    mutationFn: register,
    onSuccess: (_data, credentials) => {
      rememberReturn(next);
      void navigate(`/signup/check-email?email=${encodeURIComponent(credentials.email)}`);
    },
    onError: (error) => {
      const result = formProblem(error, ["email", "password"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
    },
  });

  const submit = form.onSubmit((values) => {
    setProblem(null);
    signUp.mutate({ email: values.email.trim(), password: values.password });
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("auth.signup.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("auth.signup.intro")}
        </Text>
      </Stack>
      <ProblemAlert message={problem} />
      <SocialButtons next={next ?? undefined} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="email"
            {...form.getInputProps("email")}
          />
          <PasswordField
            label={t("auth.password")}
            description={t("auth.passwordHelp")}
            autoComplete="new-password"
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={signUp.isPending} fullWidth>
            {t("auth.signup.submit")}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        {t("auth.signup.haveAccount")}{" "}
        <Anchor component={Link} to={next ? `/signin?next=${encodeURIComponent(next)}` : "/signin"}>
          {t("auth.signup.signIn")}
        </Anchor>
      </Text>
    </Stack>
  );
}
