import { useInfiniteQuery } from "@tanstack/react-query";
import { listTrash } from "../../api/trash";

export const trashKeys = {
  list: (slug: string) => ["trash", slug, "list"] as const,
};

/** Deleted blueprints of the workspace, 50 at a time. */
export function useTrashList(slug: string) {
  return useInfiniteQuery({
    queryKey: trashKeys.list(slug),
    queryFn: ({ pageParam, signal }) => listTrash(slug, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}
