import { Loader, Paper, Stack, Table, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FlowMessage } from "../../api/messages";
import { pagedItems } from "../../api/queries/shared";
import { DataTable } from "../../app/components/DataTable";
import { Heading } from "../../app/components/Heading";
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
  const columns = ["name", "values", "source", ...(withStatus ? ["status"] : []), "received", "keptUntil"];
  const headers = columns.map((column) => t(`messages.list.${column}`));
  return (
    <DataTable framing={560} striped aria-label={label} headers={headers}>
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
    </DataTable>
  );
}

interface PagedMessagesProps extends Omit<MessagesTableProps, "messages"> {
  query: ReturnType<typeof useMessages>;
  /** What is said when there are none. */
  empty: string;
}

/** Messages a page at a time: loading, the problem, that there are none, or the table; then "Load more". */
export function PagedMessages({ query, empty, ...table }: PagedMessagesProps) {
  const { t } = useTranslation();
  const messages = pagedItems(query.data);
  return (
    <>
      {query.isPending && <Loader size="sm" role="status" aria-label={t("common.loading")} />}
      <ProblemAlert message={query.isError ? t("messages.list.failed") : null} />
      {query.isSuccess && !messages.length && <Text size="sm">{empty}</Text>}
      {messages.length > 0 && <MessagesTable messages={messages} {...table} />}
      <LoadMore query={query} label={t("messages.list.more")} justify="flex-start" size="xs" />
    </>
  );
}

/** On a flow's page: the messages this flow could take (by name) that reached no record yet,
 * kept for a while; for owners and admins. */
export function MessagesList({ slug, flowKey, timeZone }: { slug: string; flowKey: string; timeZone: string }) {
  const { t } = useTranslation();
  const query = useMessages(slug, { status: "unmatched", flow: flowKey });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Heading level={2} title={t("messages.list.title")} intro={t("messages.list.intro")} />
        <PagedMessages query={query} empty={t("messages.list.empty")} label={t("messages.list.title")} timeZone={timeZone} />
      </Stack>
    </Paper>
  );
}
