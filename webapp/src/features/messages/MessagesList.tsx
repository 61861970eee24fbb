import { Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FlowMessage } from "../../api/messages";
import { formatDateTime } from "../../app/format";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMessages } from "./queries";
import { LoadMore } from "../../app/components/LoadMore";

/** The source of a message in words: the API, an inbound hook, or a flow. */
function sourceOf(message: FlowMessage, t: TFunction): string {
  const kind = message.source.split(":", 1)[0];
  return kind === "api" || kind === "hook" || kind === "flow" ? t(`messages.list.sources.${kind}`) : message.source;
}

function valuesOf(message: FlowMessage): string {
  return Object.entries({ ...message.correlation, ...message.values })
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

interface MessagesTableProps {
  messages: FlowMessage[];
  label: string;
  timeZone: string;
  /** Show each message's kind and what became of it (the workspace's list of all messages). */
  withStatus?: boolean;
}

/** Messages as a table: name, values, source, when received and how long kept. */
export function MessagesTable({ messages, label, timeZone, withStatus = false }: MessagesTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("messages.list.name")}</Table.Th>
            <Table.Th>{t("messages.list.values")}</Table.Th>
            <Table.Th>{t("messages.list.source")}</Table.Th>
            {withStatus && <Table.Th>{t("messages.list.status")}</Table.Th>}
            <Table.Th>{t("messages.list.received")}</Table.Th>
            <Table.Th>{t("messages.list.keptUntil")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((message) => (
            <Table.Tr key={message.id}>
              <Table.Td>{withStatus && message.kind === "signal" ? t("messages.list.signal", { name: message.name }) : message.name}</Table.Td>
              <Table.Td style={{ wordBreak: "break-word" }}>{valuesOf(message)}</Table.Td>
              <Table.Td>{sourceOf(message, t)}</Table.Td>
              {withStatus && (
                <Table.Td>
                  {t(`messages.list.statuses.${message.status}`)}
                  {message.error && (
                    <Text size="xs" c="dimmed">
                      {message.error}
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td>{formatDateTime(message.created_at, timeZone, i18n.language)}</Table.Td>
              <Table.Td>{formatDateTime(message.expires_at, timeZone, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On a flow's page: the messages this flow could take (by name) that reached no record yet,
 * kept for a while; for owners and admins. */
export function MessagesList({ slug, flowKey, timeZone }: { slug: string; flowKey: string; timeZone: string }) {
  const { t } = useTranslation();
  const query = useMessages(slug, { status: "unmatched", flow: flowKey });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("messages.list.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("messages.list.intro")}
        </Text>
        {query.isPending && <Loader size="sm" role="status" aria-label={t("common.loading")} />}
        <ProblemAlert message={query.isError ? t("messages.list.failed") : null} />
        {query.isSuccess && !items.length && <Text size="sm">{t("messages.list.empty")}</Text>}
        {items.length > 0 && <MessagesTable messages={items} label={t("messages.list.title")} timeZone={timeZone} />}
        <LoadMore query={query} label={t("messages.list.more")} justify="flex-start" size="xs" />
      </Stack>
    </Paper>
  );
}
