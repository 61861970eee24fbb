import { Alert, Button, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { contactSupport, type ContactMessage } from "../../api/support";
import { formProblem } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { useSession } from "../../app/useSession";
import { validateEmail } from "../../app/validation";

const TOPIC_MAX = 200;
const MESSAGE_MAX = 5000;

/** A message to support, signed in or not; the answer comes by email. */
export function ContactPage() {
  const { t } = useTranslation();
  const { support_email: address } = useMeta();
  const session = useSession();
  const signedIn = session.status === "signed-in";
  const [problem, setProblem] = useState<string | null>(null);
  useDocumentTitle(`${t("support.title")} · Loom`);
  const form = useForm<Required<ContactMessage>>({
    initialValues: { email: "", topic: "", message: "" },
    validate: {
      email: (value) => (signedIn ? null : validateEmail(t)(value)),
      topic: (value) => (value.trim() ? null : t("support.topicRequired")),
      message: (value) => (value.trim() ? null : t("support.messageRequired")),
    },
  });
  const send = useMutation({
    mutationFn: contactSupport,
    onSuccess: () => form.reset(),
    onError: (error) => {
      const result = formProblem(error, ["email", "topic", "message"], t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
    },
  });
  const submit = form.onSubmit((values) => {
    setProblem(null);
    send.mutate({
      topic: values.topic.trim(),
      message: values.message.trim(),
      ...(signedIn ? {} : { email: values.email.trim() }),
    });
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("support.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("support.intro")}
        </Text>
      </Stack>
      {send.isSuccess ? (
        <Stack gap="sm" align="flex-start">
          <Alert color="green" variant="light" role="status" w="100%">
            {t("support.sent")}
          </Alert>
          <Button variant="default" onClick={() => send.reset()}>
            {t("support.another")}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <ProblemAlert message={problem} />
            {!signedIn && (
              <TextInput
                label={t("support.email")}
                description={t("support.emailHelp")}
                type="email"
                autoComplete="email"
                {...form.getInputProps("email")}
              />
            )}
            <TextInput label={t("support.topic")} maxLength={TOPIC_MAX} {...form.getInputProps("topic")} />
            <Textarea
              label={t("support.message")}
              autosize
              minRows={5}
              maxRows={14}
              maxLength={MESSAGE_MAX}
              {...form.getInputProps("message")}
            />
            <Button type="submit" loading={send.isPending} fullWidth>
              {t("support.submit")}
            </Button>
          </Stack>
        </form>
      )}
      {address && (
        <Text size="sm" c="dimmed">
          {t("support.address", { email: address })}
        </Text>
      )}
    </Stack>
  );
}
