import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { TenantGate } from "../../app/components/TenantGate";
import { BlueprintNotFound } from "../../app/components/BlueprintNotFound";
import { useBlueprint } from "../../api/queries/blueprints";
import { Designer } from "./Designer";

function DesignerLoader({ tenant, blueprintKey }: { tenant: Tenant; blueprintKey: string }) {
  const { t } = useTranslation();
  const query = useBlueprint(tenant.slug, blueprintKey);
  if (query.isPending) return <PageLoader />;
  if (isNotFound(query.error)) return <BlueprintNotFound slug={tenant.slug} />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  return (
    <Designer
      key={query.data.id}
      tenant={tenant}
      blueprint={query.data}
      reload={async () => (await query.refetch()).data}
    />
  );
}

/** `/t/:slug/blueprints/:key/design`: columns, form, versions and details of one blueprint. */
export function DesignerPage() {
  const { slug = "", key = "" } = useParams();
  return <TenantGate slug={slug}>{(tenant) => <DesignerLoader tenant={tenant} blueprintKey={key} />}</TenantGate>;
}
