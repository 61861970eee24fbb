import { useQuery } from "@tanstack/react-query";
import { getWaitingCount, waitingCountKey } from "../../api/taskNotices";

/** Checked again every minute and when the window comes back into focus. */
export const WAITING_REFRESH_MS = 60_000;

/**
 * How many waiting tasks are mine in the workspace, for the Inbox's badge. The key sits under
 * the inbox's (`["inbox", slug]`), so a transition, a claim or a new record refreshes it with the list.
 */
export function useWaitingCount(slug: string) {
  return useQuery({
    queryKey: waitingCountKey(slug),
    queryFn: ({ signal }) => getWaitingCount(slug, signal),
    refetchInterval: WAITING_REFRESH_MS,
    refetchOnWindowFocus: "always",
    staleTime: 10_000,
  });
}
