import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { BlueprintNotFound } from "../../app/components/BlueprintNotFound";
import { useBlueprint, useBlueprintVersion } from "../../api/queries/blueprints";
import { TenantGate } from "../../app/components/TenantGate";
import { NotPublished } from "../../features/entities/NotPublished";
import { RecordsView } from "./RecordsView";

function Records({ tenant, blueprintKey }: { tenant: Tenant; blueprintKey: string }) {
  const { t } = useTranslation();
  const blueprint = useBlueprint(tenant.slug, blueprintKey);
  const number = blueprint.data?.published_version?.number;
  const version = useBlueprintVersion(tenant.slug, blueprintKey, number);
  if (blueprint.isPending) return <PageLoader />;
  if (isNotFound(blueprint.error)) return <BlueprintNotFound slug={tenant.slug} />;
  if (blueprint.isError) return <ProblemAlert message={describeError(blueprint.error, t)} />;
  if (!number) return <NotPublished slug={tenant.slug} blueprint={blueprint.data} />;
  if (version.isPending) return <PageLoader />;
  if (version.isError) return <ProblemAlert message={describeError(version.error, t)} />;
  return <RecordsView key={`${blueprintKey}:${number}`} tenant={tenant} blueprint={blueprint.data} version={version.data} />;
}

/** `/t/:slug/b/:key`: the grid of one blueprint's records. */
export function RecordsPage() {
  const { slug = "", key = "" } = useParams();
  return <TenantGate slug={slug}>{(tenant) => <Records tenant={tenant} blueprintKey={key} />}</TenantGate>;
}
