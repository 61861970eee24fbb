import { Button, Stack, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { AuthCard, FooterLink } from "../../app/components/AuthCard";
import { IconMail } from "../../app/components/icons";
import { useMeta } from "../../app/meta";
import { ResendOutcome } from "./ResendOutcome";
import { useResendConfirmation } from "./useResendConfirmation";

export function CheckEmailPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  const [params] = useSearchParams();
  const email = params.get("email")?.trim() ?? "";
  const resend = useResendConfirmation();
  useDocumentTitle(`${t("auth.checkEmail.title")} · Loom`);

  return (
    <AuthCard
      title={t("auth.checkEmail.title")}
      icon={<IconMail size={22} />}
      footer={<FooterLink to="/signin">{t("auth.checkEmail.backToSignIn")}</FooterLink>}
    >
      <Stack gap="xs">
        <Text>{email ? t("auth.checkEmail.sentTo", { email }) : t("auth.checkEmail.sent")}</Text>
        <Text>{t("auth.checkEmail.next")}</Text>
        <Text c="dimmed" size="sm">
          {t("auth.checkEmail.notArrived")}
        </Text>
      </Stack>
      <ResendOutcome resend={resend} sent={t("auth.checkEmail.resent", { email: resend.variables })} />
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
    </AuthCard>
  );
}
