import { listAudit, type AuditFilters } from "../../api/audit";
import { usePagedList } from "../../api/queries/shared";

/** The workspace's audit log with ``filters``, 50 events at a time. */
export function useAuditLog(slug: string, filters: AuditFilters) {
  return usePagedList(["audit", slug, filters], (cursor, signal) => listAudit(slug, filters, cursor, signal));
}
