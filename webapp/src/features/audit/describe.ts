import type { TFunction } from "i18next";
import type { AuditEvent } from "../../api/audit";

const str = (value: unknown) => (value === null || value === undefined ? "" : String(value));

function actorName(event: AuditEvent, t: TFunction): string {
  const { actor } = event;
  if (actor.kind === "shell") return t("team.activity.actorShell");
  if (actor.kind === "system" && actor.id === null) return t("team.activity.actorSystem");
  if (!actor.email) return t("team.activity.actorDeleted");
  return actor.kind === "admin" ? t("team.activity.actorAdmin", { email: actor.email }) : actor.email;
}

const roleName = (role: unknown, t: TFunction) => (role ? t(`team.roles.${str(role)}`) : "");

function settingsChanges(details: Record<string, unknown>, t: TFunction): string {
  return Object.entries(details)
    .map(([field, change]) => {
      const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
      return t("team.activity.change", { field: t(`team.activity.fields.${field}`), from: str(from), to: str(to) });
    })
    .join("; ");
}

/** One line in plain words: "ann@example.com published version 2 of the blueprint Delivery". */
export function describeEvent(event: AuditEvent, t: TFunction): string {
  const d = event.details;
  const values = {
    actor: actorName(event, t),
    target: event.target_label ?? t("team.activity.someone"),
    role: roleName(d.role, t),
    from: d.from && event.action.startsWith("member.") ? roleName(d.from, t) : str(d.from),
    to: d.to && event.action.startsWith("member.") ? roleName(d.to, t) : str(d.to),
    version: str(d.version),
    changes: event.action === "workspace.updated" ? settingsChanges(d, t) : "",
    action: event.action,
    // The text is shown as React text, never as HTML.
    interpolation: { escapeValue: false },
  };
  const key = `team.activity.actions.${event.action}`;
  return t(key, { ...values, defaultValue: t("team.activity.actions.other", values) });
}
