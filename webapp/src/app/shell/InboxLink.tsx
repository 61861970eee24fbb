import { Badge, Group, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useWaitingCount } from "./useWaitingCount";

/**
 * The Inbox in the workspace's navigation, with a badge counting the tasks that wait for me
 * (what the inbox lists with "for me"). Screen readers hear "Inbox, 3 waiting"; with none, "Inbox".
 */
export function InboxLink({ slug, to, label, active }: { slug: string; to: string; label: string; active: boolean }) {
  const { t } = useTranslation();
  const waiting = useWaitingCount(slug).data;
  const count = typeof waiting?.count === "number" ? waiting.count : 0;
  const many = waiting?.more === true;
  const shown = many ? "99+" : String(count);
  const name = many
    ? t("notify.inboxWaitingMany", { name: label })
    : count > 0
      ? t("notify.inboxWaiting", { name: label, count })
      : undefined;
  return (
    <UnstyledButton
      component={Link}
      to={to}
      aria-current={active ? "page" : undefined}
      aria-label={name}
      className="tenant-nav-link"
    >
      <Group gap={6} wrap="nowrap" component="span">
        <span>{label}</span>
        {(count > 0 || many) && (
          <Badge size="sm" circle={shown.length < 2} variant="filled" aria-hidden="true" data-testid="inbox-badge">
            {shown}
          </Badge>
        )}
      </Group>
    </UnstyledButton>
  );
}
