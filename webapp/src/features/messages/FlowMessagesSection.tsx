import { SimpleGrid } from "@mantine/core";
import { InboundHookPanel } from "./InboundHookPanel";
import { MessagesList } from "./MessagesList";

const MANAGERS = new Set(["owner", "admin"]);

interface FlowMessagesSectionProps {
  slug: string;
  flowKey: string;
  /** The member's role in the workspace: only owners and admins see (and may manage) these. */
  role: string;
  timeZone: string;
}

/** On a flow's page: its inbound hook, and the messages it could take that reached no record yet. */
export function FlowMessagesSection({ slug, flowKey, role, timeZone }: FlowMessagesSectionProps) {
  if (!MANAGERS.has(role)) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <InboundHookPanel slug={slug} flowKey={flowKey} />
      <MessagesList slug={slug} flowKey={flowKey} timeZone={timeZone} />
    </SimpleGrid>
  );
}
