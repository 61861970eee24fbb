import { useMemo } from "react";
import { useBlueprintList } from "../api/queries/blueprints";
import { pagedItems } from "../api/queries/shared";

/** The workspace's blueprints that have a published version, of those read so far (records,
 * flows and hooks can only use those), with the list's query for its loading state. */
export function usePublishedBlueprints(slug: string) {
  const list = useBlueprintList(slug);
  const published = useMemo(() => pagedItems(list.data).filter((blueprint) => blueprint.published_version), [list.data]);
  return { list, published };
}
