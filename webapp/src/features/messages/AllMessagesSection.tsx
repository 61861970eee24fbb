import { Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageStatus } from "../../api/messages";
import type { Tenant } from "../../api/types";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { MessagesTable } from "./MessagesList";
import { useMessages } from "./queries";
import { LoadMore } from "../../app/components/LoadMore";

const STATUSES: MessageStatus[] = ["unmatched", "pending", "delivered", "ambiguous", "failed"];

/** Under the workspace's Integrations settings: every message and signal sent in the workspace,
 * whichever flow could take it, newest first, with what became of each (owners and admins). */
export function AllMessagesSection({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<MessageStatus | null>(null);
  const query = useMessages(tenant.slug, { status });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md" component="section" aria-labelledby="all-messages-title">
      <Title order={2} size="h3" id="all-messages-title">
        {t("messages.all.title")}
      </Title>
      <Text c="dimmed" maw={720}>
        {t("messages.all.intro")}
      </Text>
      <Select
        label={t("messages.all.show")}
        maw={320}
        allowDeselect={false}
        value={status ?? "all"}
        onChange={(value) => setStatus(value && value !== "all" ? (value as MessageStatus) : null)}
        data={[
          { value: "all", label: t("messages.all.every") },
          ...STATUSES.map((value) => ({ value, label: t(`messages.list.statuses.${value}`) })),
        ]}
      />
      {query.isPending && <Loader size="sm" role="status" aria-label={t("common.loading")} />}
      <ProblemAlert message={query.isError ? t("messages.list.failed") : null} />
      {query.isSuccess && !items.length && <Text size="sm">{t("messages.all.empty")}</Text>}
      {items.length > 0 && <MessagesTable messages={items} label={t("messages.all.title")} timeZone={tenant.timezone} withStatus />}
      <LoadMore query={query} label={t("messages.list.more")} justify="flex-start" size="xs" />
    </Stack>
  );
}
