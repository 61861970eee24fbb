import { Group, UnstyledButton } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router-dom";
import { useTenant } from "../../api/queries/tenants";
import { canEdit, canManage } from "../roles";
import { InboxLink } from "./InboxLink";

/**
 * Home, Inbox, Blueprints, Flows, Trash and Settings of the open workspace, under the header.
 * Flows are for the people who design the workspace (owners and admins); the Trash is also for
 * editors, who delete and restore records.
 */
export function TenantNav({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const tenant = useTenant(slug).data;
  const designs = tenant ? canManage(tenant) : false;
  const edits = tenant ? canEdit(tenant) : false;
  const base = `/t/${encodeURIComponent(slug)}`;
  const nav = useRef<HTMLElement>(null);
  const links = [
    { to: base, label: t("nav.home"), active: pathname === base || pathname === `${base}/` },
    { to: `${base}/inbox`, label: t("work.nav"), active: pathname.startsWith(`${base}/inbox`) },
    {
      to: `${base}/blueprints`,
      label: t("nav.blueprints"),
      active: [`${base}/blueprints`, `${base}/b/`, `${base}/e/`].some((prefix) => pathname.startsWith(prefix)),
    },
    { to: `${base}/flows`, label: t("flows.nav"), active: pathname.startsWith(`${base}/flows`), designs: true },
    { to: `${base}/trash`, label: t("nav.trash"), active: pathname.startsWith(`${base}/trash`), edits: true },
    { to: `${base}/settings`, label: t("nav.settings"), active: pathname.startsWith(`${base}/settings`) },
  ].filter((link) => (designs || !link.designs) && (edits || !link.edits));
  // On a narrow screen the tabs scroll sideways: the current one is scrolled into sight.
  useEffect(() => {
    const current = nav.current?.querySelector<HTMLElement>('[aria-current="page"]');
    current?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [pathname, links.length]);
  return (
    // No aria-label: the only navigation landmark needs none, and "Workspace" would
    // also match fields such as "Space" for tests that find inputs by label.
    <nav className="tenant-nav" ref={nav}>
      <Group gap={4} px="md" wrap="nowrap">
        {links.map((link) =>
          link.to === `${base}/inbox` ? (
            <InboxLink key={link.to} slug={slug} to={link.to} label={link.label} active={link.active} />
          ) : (
            <UnstyledButton
              key={link.to}
              component={Link}
              to={link.to}
              aria-current={link.active ? "page" : undefined}
              className="tenant-nav-link"
            >
              {link.label}
            </UnstyledButton>
          ),
        )}
      </Group>
    </nav>
  );
}
