import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { getSession, subscribeSession } from "../api/client";

/**
 * Drops cached API data when the signed-in user changes (sign-out, or another
 * account in another tab), so nobody sees the previous user's workspaces.
 * The server's meta data stays: it is the same for everyone.
 */
export function useSessionCache(): void {
  const queryClient = useQueryClient();
  const userId = useRef(getSession().user?.id ?? null);
  useEffect(
    () =>
      subscribeSession(() => {
        const next = getSession().user?.id ?? null;
        if (next === userId.current) return;
        userId.current = next;
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "meta" });
      }),
    [queryClient],
  );
}
