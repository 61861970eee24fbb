import type { TFunction } from "i18next";
import { getSession } from "../../api/client";
import type { InboxItem, UserRef } from "../../api/inbox";

/** True when the user is the one signed in. */
export function isMe(user: UserRef | null | undefined): boolean {
  const me = getSession().user;
  return !!user && !!me && String(me.id) === String(user.id);
}

/** Who did something: the person's email, "You (...)" for oneself, "Loom" for the system. */
export function personName(user: UserRef | null, t: TFunction): string {
  if (!user) return t("work.someone");
  return isMe(user) ? t("work.you", { email: user.email }) : user.email;
}

/** A record's name in flow lists: its title, else the start of its id. */
export function itemTitle(entity: { id: string; title: string | null }, t: TFunction): string {
  return entity.title?.trim() || t("work.untitled", { id: entity.id.slice(0, 8) });
}

const ROLES = ["owner", "admin", "editor", "viewer"] as const;

/** Why the signed-in person cannot press a transition, or null when they can. */
export function blockedReason(item: InboxItem, t: TFunction): string | null {
  if (item.can_complete) return null;
  if (item.assignee && !isMe(item.assignee)) return t("work.blocked.claimed", { email: item.assignee.email });
  if (item.member) return t("work.blocked.member", { email: item.member });
  if (item.role) {
    const known = ROLES.find((role) => role === item.role);
    return t("work.blocked.role", { role: known ? t(`work.roles.${known}`) : item.role });
  }
  return t("work.blocked.other");
}
