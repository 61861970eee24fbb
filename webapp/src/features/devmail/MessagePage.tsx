import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { MailMessage } from "../../api/types";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError, isNotFound } from "../../app/components/errors";
import { IconMail } from "../../app/components/icons";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { formatReceived } from "./format";
import { LinkifiedText } from "./LinkifiedText";
import { useMail } from "./queries";

function Message({ mail }: { mail: MailMessage }) {
  const { t } = useTranslation();
  const [showHtml, setShowHtml] = useState(false);
  const subject = mail.subject || t("devmail.noSubject");
  useDocumentTitle(`${subject} · ${t("devmail.title")}`);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {subject}
      </Title>
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t("devmail.to")}:
          </Text>{" "}
          {mail.to}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t("devmail.received")}:
          </Text>{" "}
          <time dateTime={mail.created_at}>{formatReceived(mail.created_at)}</time>
        </Text>
        {mail.status && (
          <Badge variant="light" color="gray" size="sm">
            {mail.status}
          </Badge>
        )}
      </Group>
      <Paper withBorder radius="md" p="lg">
        <LinkifiedText text={mail.text ?? ""} />
      </Paper>
      {mail.html ? (
        <Stack gap="sm" align="flex-start">
          <Button variant="default" aria-pressed={showHtml} onClick={() => setShowHtml((shown) => !shown)}>
            {showHtml ? t("devmail.hideHtml") : t("devmail.showHtml")}
          </Button>
          {showHtml && (
            <iframe
              title={t("devmail.htmlFrame")}
              sandbox=""
              srcDoc={mail.html}
              style={{
                width: "100%",
                height: 520,
                border: "1px solid var(--mantine-color-gray-3)",
                borderRadius: 8,
                background: "white",
              }}
            />
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t("devmail.noHtml")}
        </Text>
      )}
    </Stack>
  );
}

export function MessagePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useMail(id);

  let body;
  if (query.isPending) body = <PageLoader />;
  else if (isNotFound(query.error)) body = <EmptyState title={t("devmail.notFound")} icon={<IconMail size={24} />} />;
  else if (query.isError) body = <ProblemAlert message={describeError(query.error, t)} />;
  else body = <Message mail={query.data} />;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/dev/mailbox" size="sm">
        ← {t("devmail.allEmails")}
      </Anchor>
      {body}
    </Stack>
  );
}
