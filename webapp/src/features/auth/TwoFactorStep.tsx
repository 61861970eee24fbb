import { Anchor, Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isCodeAlreadyUsed, signInWithCode, signInWithRecoveryCode, type SignInResult } from "../../api/auth";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";

interface Props {
  onSignedIn: () => void;
  /** Back to the email and password (the server forgets the first step after a while). */
  onStartOver: () => void;
}

/** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
export function TwoFactorStep({ onSignedIn, onStartOver }: Props) {
  const { t } = useTranslation();
  const [recovery, setRecovery] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    initialValues: { code: "" },
    validate: { code: (value) => (value.trim() ? null : t("auth.twoFactor.codeRequired")) },
  });

  const verify = useMutation<SignInResult, unknown, string>({
    mutationFn: (code) => (recovery ? signInWithRecoveryCode(code) : signInWithCode(code)),
    onSuccess: onSignedIn,
    onError: (error) => {
      if (isCodeAlreadyUsed(error)) {
        form.setErrors({ code: t("auth.twoFactor.codeUsed") });
        return;
      }
      const result = formProblem(error, ["code"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
    },
  });

  const switchMode = () => {
    setRecovery(!recovery);
    setProblem(null);
    form.reset();
  };

  const submit = form.onSubmit((values) => {
    setProblem(null);
    verify.mutate(recovery ? values.code.trim() : values.code.replace(/\s+/g, ""));
  });

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t("auth.twoFactor.title")}
      </Title>
      <Text size="sm">{recovery ? t("auth.twoFactor.recoveryIntro") : t("auth.twoFactor.intro")}</Text>
      <ProblemAlert message={problem} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            key={recovery ? "recovery" : "app"}
            label={recovery ? t("auth.twoFactor.recoveryCode") : t("auth.twoFactor.code")}
            autoComplete="one-time-code"
            inputMode={recovery ? "text" : "numeric"}
            autoFocus
            {...form.getInputProps("code")}
          />
          <Button type="submit" loading={verify.isPending} fullWidth>
            {recovery ? t("auth.twoFactor.recoverySubmit") : t("auth.twoFactor.submit")}
          </Button>
        </Stack>
      </form>
      <Group justify="space-between" gap="xs">
        <Anchor component="button" type="button" size="sm" onClick={switchMode}>
          {recovery ? t("auth.twoFactor.useApp") : t("auth.twoFactor.useRecovery")}
        </Anchor>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onStartOver}>
          {t("auth.twoFactor.startOver")}
        </Anchor>
      </Group>
    </Stack>
  );
}
