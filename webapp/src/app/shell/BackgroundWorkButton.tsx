import { useMemo } from "react";
import { useBlueprintList } from "../../api/queries/blueprints";
import { BackgroundWork } from "../../features/jobs/BackgroundWork";
import { useTenant } from "../../api/queries/tenants";

/** Blueprint id → name in a workspace (its first page of blueprints), for the Background work panel. */
function useBlueprintNames(slug: string): Map<string, string> {
  const list = useBlueprintList(slug);
  return useMemo(
    () => new Map((list.data?.pages.flatMap((page) => page.items) ?? []).map((blueprint) => [String(blueprint.id), blueprint.name])),
    [list.data],
  );
}

/** The header's "Background work" for the workspace shown. */
export function BackgroundWorkButton({ slug }: { slug: string }) {
  const tenant = useTenant(slug);
  return <BackgroundWork slug={slug} timeZone={tenant.data?.timezone ?? "UTC"} useNames={useBlueprintNames} />;
}
