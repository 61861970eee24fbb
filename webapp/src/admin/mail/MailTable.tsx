import { Table, Text } from "@mantine/core";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Page } from "../../api/types";
import { WhenCell, WorkspaceCell } from "../cells";
import { PagedTable } from "../PagedTable";
import type { AdminMail } from "./api";
import { SendAgainButton } from "./SendAgainButton";

interface MailTableProps {
  query: UseInfiniteQueryResult<InfiniteData<Page<AdminMail>>>;
  /** Dead letters (with "Send again"), or mail waiting for its next try. */
  undelivered: boolean;
  filtered: boolean;
}

const wrap = { overflowWrap: "anywhere" } as const;

/** Outgoing mail: when it was queued, when it was given up or is tried next, for whom, and the last error in full. */
export function MailTable({ query, undelivered, filtered }: MailTableProps) {
  const { t } = useTranslation();
  const head = [
    t("admin.mail.queued"),
    undelivered ? t("admin.mail.givenUp") : t("admin.mail.nextAttempt"),
    t("admin.mail.workspace"),
    t("admin.mail.recipient"),
    t("admin.mail.subject"),
    t("admin.mail.attempts"),
    t("admin.mail.lastError"),
  ];
  const emptyKey = undelivered ? "empty" : "emptyWaiting";
  return (
    <PagedTable<AdminMail>
      query={query}
      label={undelivered ? t("admin.mail.undelivered") : t("admin.mail.waiting")}
      empty={t(`admin.mail.${emptyKey}`)}
      filtered={filtered}
      emptyBody={t(`admin.mail.${emptyKey}Body`)}
      minWidth={1100}
      head={undelivered ? [...head, t("admin.mail.action")] : head}
      row={(mail) => (
        <Table.Tr key={mail.id}>
          <WhenCell at={mail.created_at} />
          <WhenCell at={undelivered ? mail.finished_at : mail.next_attempt_at} />
          <WorkspaceCell slug={mail.tenant} none={t("admin.mail.noWorkspace")} />
          <Table.Td maw={240}>
            <Text size="sm" style={wrap}>
              {mail.recipient}
            </Text>
          </Table.Td>
          <Table.Td maw={260}>
            <Text size="sm" style={wrap}>
              {mail.subject}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{mail.attempts}</Text>
          </Table.Td>
          <Table.Td maw={340}>
            <Text size="sm" c={mail.last_error ? "red" : undefined} style={wrap}>
              {mail.last_error || "—"}
            </Text>
          </Table.Td>
          {undelivered && (
            <Table.Td>
              <SendAgainButton mail={mail} />
            </Table.Td>
          )}
        </Table.Tr>
      )}
    />
  );
}
