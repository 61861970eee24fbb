import { formatDateTime } from "../app/format";
import { currentLanguage } from "../i18n";

/** The admin's own time zone: the back office spans workspaces in many zones. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function when(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso, browserZone(), currentLanguage()) : "—";
}
