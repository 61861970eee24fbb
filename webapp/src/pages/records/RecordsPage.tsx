import { useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { TenantGate } from "../../app/components/TenantGate";
import { PublishedVersion } from "./PublishedVersion";
import { RecordsView } from "./RecordsView";

function Records({ tenant, blueprintKey }: { tenant: Tenant; blueprintKey: string }) {
  return (
    <PublishedVersion tenant={tenant} blueprintKey={blueprintKey}>
      {(blueprint, version) => <RecordsView key={`${blueprintKey}:${version.number}`} tenant={tenant} blueprint={blueprint} version={version} />}
    </PublishedVersion>
  );
}

/** `/t/:slug/b/:key`: the grid of one blueprint's records. */
export function RecordsPage() {
  const { slug = "", key = "" } = useParams();
  return <TenantGate slug={slug}>{(tenant) => <Records tenant={tenant} blueprintKey={key} />}</TenantGate>;
}
