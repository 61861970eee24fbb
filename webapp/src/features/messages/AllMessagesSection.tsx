import { Select, Stack } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageStatus } from "../../api/messages";
import type { Tenant } from "../../api/types";
import { Heading } from "../../app/components/Heading";
import { PagedMessages } from "./MessagesList";
import { useMessages } from "./queries";

const STATUSES: MessageStatus[] = ["unmatched", "pending", "delivered", "ambiguous", "failed"];

/** Under the workspace's Integrations settings: every message and signal sent in the workspace,
 * whichever flow could take it, newest first, with what became of each (owners and admins). */
export function AllMessagesSection({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<MessageStatus | null>(null);
  const query = useMessages(tenant.slug, { status });
  return (
    <Stack gap="md" component="section" aria-labelledby="all-messages-title">
      <Heading
        level={2}
        size="h3"
        id="all-messages-title"
        title={t("messages.all.title")}
        intro={t("messages.all.intro")}
        introWidth={720}
      />
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
      <PagedMessages
        query={query}
        empty={t("messages.all.empty")}
        label={t("messages.all.title")}
        timeZone={tenant.timezone}
        withStatus
      />
    </Stack>
  );
}
