import { Alert, Button, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { contactSupport, type ContactMessage } from "../../api/support";
import { AuthCard, AuthForm } from "../../app/components/AuthCard";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useFormProblem } from "../../app/components/useFormProblem";
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
  useDocumentTitle(`${t("support.title")} · Loom`);
  const form = useForm<Required<ContactMessage>>({
    initialValues: { email: "", topic: "", message: "" },
    validate: {
      email: (value) => (signedIn ? null : validateEmail(t)(value)),
      topic: (value) => (value.trim() ? null : t("support.topicRequired")),
      message: (value) => (value.trim() ? null : t("support.messageRequired")),
    },
  });
  const problem = useFormProblem(form, ["email", "topic", "message"]);
  const send = useMutation({
    mutationFn: contactSupport,
    onSuccess: () => form.reset(),
    onError: problem.show,
  });
  const submit = form.onSubmit((values) => {
    problem.clear();
    send.mutate({
      topic: values.topic.trim(),
      message: values.message.trim(),
      ...(signedIn ? {} : { email: values.email.trim() }),
    });
  });

  return (
    <AuthCard title={t("support.title")} intro={t("support.intro")}>
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
        <AuthForm onSubmit={submit} submitLabel={t("support.submit")} submitting={send.isPending}>
          <ProblemAlert message={problem.problem} />
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
        </AuthForm>
      )}
      {address && (
        <Text size="sm" c="dimmed">
          {t("support.address", { email: address })}
        </Text>
      )}
    </AuthCard>
  );
}
