import { Anchor, Group, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isCodeAlreadyUsed, signInWithCode, signInWithRecoveryCode, type SignInResult } from "../../api/auth";
import { AuthCard, AuthForm } from "../../app/components/AuthCard";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useFormProblem } from "../../app/components/useFormProblem";

interface Props {
  onSignedIn: () => void;
  /** Back to the email and password (the server forgets the first step after a while). */
  onStartOver: () => void;
}

/** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
export function TwoFactorStep({ onSignedIn, onStartOver }: Props) {
  const { t } = useTranslation();
  const [recovery, setRecovery] = useState(false);
  const form = useForm({
    initialValues: { code: "" },
    validate: { code: (value) => (value.trim() ? null : t("auth.twoFactor.codeRequired")) },
  });
  const problem = useFormProblem(form, ["code"]);

  const verify = useMutation<SignInResult, unknown, string>({
    mutationFn: (code) => (recovery ? signInWithRecoveryCode(code) : signInWithCode(code)),
    onSuccess: onSignedIn,
    onError: (error) => {
      if (isCodeAlreadyUsed(error)) form.setErrors({ code: t("auth.twoFactor.codeUsed") });
      else problem.show(error);
    },
  });

  const switchMode = () => {
    setRecovery(!recovery);
    problem.clear();
    form.reset();
  };

  const submit = form.onSubmit((values) => {
    problem.clear();
    verify.mutate(recovery ? values.code.trim() : values.code.replace(/\s+/g, ""));
  });

  return (
    <AuthCard title={t("auth.twoFactor.title")}>
      <Text size="sm">{recovery ? t("auth.twoFactor.recoveryIntro") : t("auth.twoFactor.intro")}</Text>
      <ProblemAlert message={problem.problem} />
      <AuthForm
        onSubmit={submit}
        submitLabel={recovery ? t("auth.twoFactor.recoverySubmit") : t("auth.twoFactor.submit")}
        submitting={verify.isPending}
      >
        <TextInput
          key={recovery ? "recovery" : "app"}
          label={recovery ? t("auth.twoFactor.recoveryCode") : t("auth.twoFactor.code")}
          autoComplete="one-time-code"
          inputMode={recovery ? "text" : "numeric"}
          autoFocus
          {...form.getInputProps("code")}
        />
      </AuthForm>
      <Group justify="space-between" gap="xs">
        <Anchor component="button" type="button" size="sm" onClick={switchMode}>
          {recovery ? t("auth.twoFactor.useApp") : t("auth.twoFactor.useRecovery")}
        </Anchor>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onStartOver}>
          {t("auth.twoFactor.startOver")}
        </Anchor>
      </Group>
    </AuthCard>
  );
}
