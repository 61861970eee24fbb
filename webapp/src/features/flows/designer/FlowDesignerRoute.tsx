import { Button } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ComponentType, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { Tenant } from "../../../api/types";
import { EmptyState } from "../../../app/components/EmptyState";
import { describeError, isNotFound } from "../../../app/components/errors";
import { PageLoader } from "../../../app/components/PageLoader";
import { ProblemAlert } from "../../../app/components/ProblemAlert";
import type { FlowModelerProps } from "../../../designer/FlowModeler";
import { useBlueprint, useBlueprintVersion } from "../../../api/queries/blueprints";
import { TenantGate } from "../../../app/components/TenantGate";
import { IconFlow } from "../../../app/components/icons";
import { flowPaths } from "../paths";
import { useFlow } from "../queries";
import { FlowDesignTabs } from "../steps/FlowDesignTabs";
import { FlowDesigner } from "./FlowDesigner";

function FlowNotFound({ slug }: { slug: string }) {
  const { t } = useTranslation();
  useDocumentTitle(`${t("flows.notFound.title")} · Loom`);
  return (
    <EmptyState
      title={t("flows.notFound.title")}
      order={1}
      icon={<IconFlow size={24} />}
      action={
        <Button component={Link} to={flowPaths.list(slug)}>
          {t("flows.notFound.back")}
        </Button>
      }
    >
      {t("flows.notFound.body")}
    </EmptyState>
  );
}

/** The bound blueprint's columns: those of its published version, else of its draft. */
function useBlueprintColumns(slug: string, key: string | undefined) {
  const blueprint = useBlueprint(slug, key);
  const version = useBlueprintVersion(slug, key ?? "", blueprint.data?.published_version?.number);
  return version.data?.columns ?? (blueprint.data && !blueprint.data.published_version ? blueprint.data.draft.columns : null) ?? null;
}

interface FlowDesignerRouteProps {
  Canvas: ComponentType<FlowModelerProps>;
  /** What the page shows below the drawing for a flow (its messages); nothing when not given. */
  messages?: (tenant: Tenant, flowKey: string) => ReactNode;
}

function DesignerLoader({ tenant, flowKey, Canvas, messages }: FlowDesignerRouteProps & { tenant: Tenant; flowKey: string }) {
  const { t } = useTranslation();
  const query = useFlow(tenant.slug, flowKey);
  const loaded = useBlueprintColumns(tenant.slug, query.data?.blueprint.key);
  const columns = loaded ?? [];
  if (query.isPending) return <PageLoader />;
  if (isNotFound(query.error)) return <FlowNotFound slug={tenant.slug} />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  return (
    <FlowDesignTabs
      key={query.data.id}
      tenant={tenant}
      flow={query.data}
      columns={loaded}
      diagram={(onDirtyChange) => (
        <FlowDesigner
          tenant={tenant}
          flow={query.data}
          columns={columns}
          refetch={async () => (await query.refetch()).data}
          Canvas={Canvas}
          onDirtyChange={onDirtyChange}
          messages={messages?.(tenant, query.data.key)}
        />
      )}
    />
  );
}

/**
 * `/t/:slug/flows/:key` with the canvas given: FlowDesignerPage passes bpmn-js,
 * tests pass a stand-in (bpmn-js needs a real browser).
 */
export function FlowDesignerRoute({ Canvas, messages }: FlowDesignerRouteProps) {
  const { slug = "", key = "" } = useParams();
  return <TenantGate slug={slug}>{(tenant) => <DesignerLoader tenant={tenant} flowKey={key} Canvas={Canvas} messages={messages} />}</TenantGate>;
}
