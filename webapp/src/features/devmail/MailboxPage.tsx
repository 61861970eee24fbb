import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { MailSummary } from "../../api/types";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError, isNotFound } from "../../app/components/errors";
import { IconMail, IconRefresh } from "../../app/components/icons";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { formatReceived } from "./format";
import { useMailbox } from "./queries";
import { HeaderRow } from "../../app/components/HeaderRow";

function MailTable({ items }: { items: MailSummary[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" highlightOnHover>
          <HeaderRow cells={[t("devmail.to"), t("devmail.subject"), t("devmail.received")]} />
          <Table.Tbody>
            {items.map((mail) => (
              <Table.Tr key={mail.id}>
                <Table.Td>{mail.to}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/dev/mailbox/${encodeURIComponent(String(mail.id))}`}>
                    {mail.subject || t("devmail.noSubject")}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <time dateTime={mail.created_at}>{formatReceived(mail.created_at)}</time>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function Mailbox() {
  const { t } = useTranslation();
  const query = useMailbox();

  let body;
  if (query.isPending) body = <PageLoader />;
  else if (isNotFound(query.error)) body = <EmptyState title={t("devmail.unavailable")} icon={<IconMail />} />;
  else if (query.isError) body = <ProblemAlert message={describeError(query.error, t)} />;
  else if (query.data.items.length === 0) {
    body = (
      <EmptyState title={t("devmail.empty")} icon={<IconMail size={24} />}>
        {t("devmail.emptyBody")}
      </EmptyState>
    );
  } else body = <MailTable items={query.data.items} />;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t("devmail.autoRefresh")}
        </Text>
        <Button
          variant="default"
          leftSection={<IconRefresh />}
          loading={query.isRefetching && !query.isPending}
          onClick={() => void query.refetch()}
        >
          {t("devmail.refresh")}
        </Button>
      </Group>
      {body}
    </Stack>
  );
}

export function MailboxPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  useDocumentTitle(`${t("devmail.title")} · Loom`);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t("devmail.title")}</Title>
        <Text c="dimmed">{t("devmail.intro")}</Text>
      </Stack>
      {meta.dev_mailbox ? <Mailbox /> : <EmptyState title={t("devmail.unavailable")} icon={<IconMail size={24} />} />}
    </Stack>
  );
}
