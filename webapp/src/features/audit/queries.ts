import { useInfiniteQuery } from "@tanstack/react-query";
import { listAudit, type AuditFilters } from "../../api/audit";

/** The workspace's audit log with ``filters``, 50 events at a time. */
export function useAuditLog(slug: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ["audit", slug, filters],
    queryFn: ({ pageParam, signal }) => listAudit(slug, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}
