import { Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { InboxItem } from "../../api/inbox";
import { DataTable } from "../../app/components/DataTable";
import { currentLanguage } from "../../i18n";
import { paths } from "../../app/paths";
import { parseUtc } from "../../app/timezone";
import { formatDateTime } from "../../app/format";
import { blockedReason, isMe, itemTitle, personName } from "./people";

interface InboxTableProps {
  slug: string;
  timeZone: string;
  items: InboxItem[];
  /** The task being claimed or unclaimed, if any. */
  claimingId: string | null;
  onClaim: (item: InboxItem, claim: boolean) => void;
  onComplete: (item: InboxItem) => void;
}

function DueCell({ dueAt, timeZone }: { dueAt: string | null; timeZone: string }) {
  const { t } = useTranslation();
  if (!dueAt) {
    return (
      <Text size="sm" c="dimmed">
        {t("work.inbox.noDue")}
      </Text>
    );
  }
  const date = formatDateTime(dueAt, timeZone, currentLanguage());
  const at = parseUtc(dueAt);
  if (at !== null && at < Date.now()) {
    return (
      <Text size="sm" c="red" fw={600}>
        {t("work.inbox.overdueAt", { date })}
      </Text>
    );
  }
  return <Text size="sm">{date}</Text>;
}

function InboxRow({ slug, timeZone, item, claimingId, onClaim, onComplete }: Omit<InboxTableProps, "items"> & { item: InboxItem }) {
  const { t } = useTranslation();
  const title = itemTitle(item.entity, t);
  const reason = blockedReason(item, t);
  const reasonId = `inbox-reason-${item.id}`;
  const names = { label: item.label, title };
  const mine = isMe(item.assignee);
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={0}>
          <Anchor component={Link} to={paths.record(slug, item.entity.id)} fw={500}>
            {title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {item.entity.blueprint.name}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm">{item.label}</Text>
          {reason && (
            <Text id={reasonId} size="xs" c="dimmed">
              {reason}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{item.flow.name}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={item.assignee ? undefined : "dimmed"}>
          {item.assignee ? personName(item.assignee, t) : t("work.inbox.nobody")}
        </Text>
      </Table.Td>
      <Table.Td>
        <DueCell dueAt={item.due_at} timeZone={timeZone} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(item.created_at, timeZone, currentLanguage())}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap" justify="flex-end">
          {!item.assignee && (
            <Button
              size="xs"
              variant="default"
              aria-label={t("work.inbox.claimLabel", names)}
              disabled={!item.can_complete}
              loading={claimingId === item.id}
              onClick={() => onClaim(item, true)}
            >
              {t("work.inbox.claim")}
            </Button>
          )}
          {mine && (
            <Button
              size="xs"
              variant="default"
              aria-label={t("work.inbox.unclaimLabel", names)}
              loading={claimingId === item.id}
              onClick={() => onClaim(item, false)}
            >
              {t("work.inbox.unclaim")}
            </Button>
          )}
          <Button
            size="xs"
            aria-label={t("work.inbox.completeLabel", names)}
            aria-describedby={reason ? reasonId : undefined}
            disabled={!item.can_complete}
            onClick={() => onComplete(item)}
          >
            {t("work.inbox.complete")}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The waiting tasks: the record, the step, its flow, who has it, when it is due, and what can be done. */
export function InboxTable(props: InboxTableProps) {
  const { t } = useTranslation();
  const headers = ["record", "step", "flow", "assignee", "dueAt", "waitingSince"].map((key) => t(`work.inbox.${key}`));
  return (
    <DataTable
      framing={860}
      aria-label={t("work.inbox.table")}
      verticalSpacing="sm"
      highlightOnHover
      headers={headers}
      actionsLabel={t("work.inbox.actions")}
    >
      {props.items.map((item) => (
        <InboxRow key={item.id} {...props} item={item} />
      ))}
    </DataTable>
  );
}
