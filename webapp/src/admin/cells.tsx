import { Anchor, Table, Text } from "@mantine/core";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { when } from "./format";
import { adminPaths } from "./paths";

interface WorkspaceLinkProps {
  slug: string;
  /** The tab of the workspace's page to open. */
  tab?: string;
  size?: "sm";
  /** What the link says: the workspace's address unless given (its name). */
  children?: ReactNode;
}

/** A link to a workspace's page in the back office. */
export function WorkspaceLink({ slug, tab, size, children }: WorkspaceLinkProps) {
  return (
    <Anchor component={Link} to={adminPaths.tenant(slug, tab)} size={size}>
      {children ?? slug}
    </Anchor>
  );
}

/** The workspace column of a Loom-wide list: a link to it, or, for what belongs to none, ``none`` (dimmed) or "—". */
export function WorkspaceCell({ slug, none }: { slug: string | null | undefined; none?: string }) {
  return (
    <Table.Td>
      {slug ? (
        <WorkspaceLink slug={slug} size="sm" />
      ) : none ? (
        <Text size="sm" c="dimmed">
          {none}
        </Text>
      ) : (
        "—"
      )}
    </Table.Td>
  );
}

/** A moment in the admin's own time zone, "—" when there is none. */
export function WhenCell({ at }: { at: string | null | undefined }) {
  return (
    <Table.Td>
      <Text size="sm">{when(at)}</Text>
    </Table.Td>
  );
}

/** A blueprint's or flow's published version and since when, or that it has none. */
export function PublishedCell({ version }: { version: { number: number; published_at: string } | null }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Text size="sm">
        {version ? t("admin.tenant.versionOn", { number: version.number, date: when(version.published_at) }) : t("admin.tenant.notPublished")}
      </Text>
    </Table.Td>
  );
}

interface LinkCellProps {
  to: string;
  size?: "sm";
  style?: CSSProperties;
  children: ReactNode;
}

/** A table cell holding one link to another back office page. */
export function LinkCell({ to, size, style, children }: LinkCellProps) {
  return (
    <Table.Td>
      <Anchor component={Link} to={to} size={size} style={style}>
        {children}
      </Anchor>
    </Table.Td>
  );
}
