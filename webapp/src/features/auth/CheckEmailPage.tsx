import { Alert, Anchor, Button, Group, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { describeError } from "../../app/components/errors";
import { IconMail } from "../../app/components/icons";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { useResendConfirmation } from "./useResendConfirmation";

export function CheckEmailPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  const [params] = useSearchParams();
  const email = params.get("email")?.trim() ?? "";
  const resend = useResendConfirmation();
  useDocumentTitle(`${t("auth.checkEmail.title")} · Loom`);

  return (
    <Stack gap="lg">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={40} radius="xl" variant="light" aria-hidden>
          <IconMail size={22} />
        </ThemeIcon>
        <Title order={1} size="h2">
          {t("auth.checkEmail.title")}
        </Title>
      </Group>
      <Stack gap="xs">
        <Text>{email ? t("auth.checkEmail.sentTo", { email }) : t("auth.checkEmail.sent")}</Text>
        <Text>{t("auth.checkEmail.next")}</Text>
        <Text c="dimmed" size="sm">
          {t("auth.checkEmail.notArrived")}
        </Text>
      </Stack>
      {resend.isSuccess && (
        <Alert color="green" variant="light" role="status">
          {t("auth.checkEmail.resent", { email: resend.variables })}
        </Alert>
      )}
      {resend.isError && <ProblemAlert message={describeError(resend.error, t)} />}
      <Stack gap="sm">
        {email && (
          <Button variant="light" loading={resend.isPending} onClick={() => resend.mutate(email)}>
            {t("auth.checkEmail.resend")}
          </Button>
        )}
        {meta.dev_mailbox && (
          <Button component={Link} to="/dev/mailbox" variant="default">
            {t("auth.checkEmail.devMailbox")}
          </Button>
        )}
      </Stack>
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/signin">
          {t("auth.checkEmail.backToSignIn")}
        </Anchor>
      </Text>
    </Stack>
  );
}
