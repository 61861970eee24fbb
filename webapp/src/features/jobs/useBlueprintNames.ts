import { useEffect, useMemo } from "react";
import { useBlueprintList } from "../../api/queries/blueprints";
import { pagedItems } from "../../api/queries/shared";

/**
 * Blueprint id → name in a workspace, for at least the blueprints `ids` (those not deleted); pass
 * the same array while it does not change.
 * The workspace's blueprints come a page at a time, by name: further pages are read until each
 * of `ids` is named or the list ends, so work about any blueprint is named, not only about the
 * first page's. The pages are the shared blueprint list's, so none is asked for twice.
 */
export function useBlueprintNames(slug: string, ids: readonly string[]): Map<string, string> {
  const list = useBlueprintList(slug);
  const names = useMemo(
    () => new Map(pagedItems(list.data).map((blueprint) => [String(blueprint.id), blueprint.name])),
    [list.data],
  );
  const { hasNextPage, isFetching, isError, fetchNextPage } = list;
  // Runs again with each page read (`names` changes), so the next one is asked for in turn.
  useEffect(() => {
    const unnamed = ids.some((id) => !names.has(id));
    if (unnamed && hasNextPage && !isFetching && !isError) void fetchNextPage();
  }, [ids, names, hasNextPage, isFetching, isError, fetchNextPage]);
  return names;
}
