import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
  type QueryKey,
} from "@tanstack/react-query";
import type { Page } from "../types";

interface PagedOptions<P> {
  /** False while the list must not be asked for yet. */
  enabled?: boolean;
  /** Keep showing the last answer while a list with other filters loads, instead of a loader. */
  keepPrevious?: boolean;
  /** Look again every so many milliseconds (while the page is open), or as often as the pages read so far call for. */
  refetchInterval?: number | ((pages: readonly P[] | undefined) => number | false);
  /** How long an answer counts as fresh (the client's default unless given). */
  staleTime?: number;
}

/**
 * A list the API gives a page at a time (`items` and `next_cursor`): the first page under
 * `queryKey`, then each "Load more" asks `fetchPage` for the page after the last cursor.
 */
export function usePagedList<P extends Page<unknown>>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<P>,
  { enabled, keepPrevious = false, refetchInterval, staleTime }: PagedOptions<P> = {},
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
    enabled,
    refetchInterval: typeof refetchInterval === "function" ? (query) => refetchInterval(query.state.data?.pages) : refetchInterval,
    // Left out unless given: an explicit undefined would override the client's default.
    ...(staleTime === undefined ? {} : { staleTime }),
  });
}

/** Every item of the pages loaded so far, in order (none while loading). */
export function pagedItems<T>(data: InfiniteData<Page<T>> | undefined): T[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}

/** Where a saved item is kept: its own entry, and the list it stands in. */
export interface SavedCache<T> {
  detail: (item: T) => QueryKey;
  list: QueryKey;
}

/** A create or an update: the answer goes straight into the item's own entry, and its list loads again. */
export function useSaveMutation<I, T>(save: (input: I) => Promise<T>, cache: SavedCache<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: (item) => {
      queryClient.setQueryData(cache.detail(item), item);
      void queryClient.invalidateQueries({ queryKey: cache.list });
    },
  });
}

/** A delete: the item's own entry is dropped, and its list loads again. */
export function useDeleteMutation(remove: () => Promise<unknown>, keys: { detail: QueryKey; list: QueryKey }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: remove,
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: keys.detail });
      void queryClient.invalidateQueries({ queryKey: keys.list });
    },
  });
}
