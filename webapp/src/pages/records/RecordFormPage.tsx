import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { paths } from "../../app/paths";
import { useBlueprint, useBlueprintVersion } from "../../api/queries/blueprints";
import { TenantGate } from "../../app/components/TenantGate";
import { FlowSection } from "../../features/work/FlowSection";
import { HistorySection } from "../../features/work/HistorySection";
import { useRecordFlows } from "../../api/queries/work";
import { recordTitle } from "../../app/records/layout";
import { useEntity } from "../../features/entities/queries";
import { PublishedVersion } from "./PublishedVersion";
import { RecordForm } from "./RecordForm";

function NewRecord({ tenant, blueprintKey }: { tenant: Tenant; blueprintKey: string }) {
  return (
    <PublishedVersion tenant={tenant} blueprintKey={blueprintKey}>
      {(blueprint, version) => <RecordForm tenant={tenant} blueprint={blueprint} version={version} />}
    </PublishedVersion>
  );
}

function EditRecord({ tenant, id }: { tenant: Tenant; id: string }) {
  const { t } = useTranslation();
  const entity = useEntity(tenant.slug, id);
  const key = entity.data?.blueprint;
  const blueprint = useBlueprint(tenant.slug, key);
  const version = useBlueprintVersion(tenant.slug, key ?? "", entity.data?.blueprint_version.number);
  const flows = useRecordFlows(tenant.slug, id);
  // Fields a flow sets are the flow's to change, unless the blueprint lets people edit them too.
  const lockedFields = flows.data?.flow_fields_editable ? undefined : flows.data?.flow_fields;
  if (entity.isPending) return <PageLoader />;
  if (isNotFound(entity.error)) {
    return (
      <EmptyState
        title={t("recordForm.notFound")}
        order={1}
        action={
          <Button component={Link} to={paths.blueprints(tenant.slug)}>
            {t("recordForm.allBlueprints")}
          </Button>
        }
      >
        {t("recordForm.notFoundBody")}
      </EmptyState>
    );
  }
  const error = entity.error ?? blueprint.error ?? version.error;
  if (error) return <ProblemAlert message={describeError(error, t)} />;
  if (!entity.data || !blueprint.data || !version.data) return <PageLoader />;
  return (
    <RecordForm
      key={`${entity.data.id}:${entity.data.blueprint_version.number}`}
      tenant={tenant}
      blueprint={blueprint.data}
      version={version.data}
      entity={entity.data}
      reload={async () => (await entity.refetch()).data}
      lockedFields={lockedFields}
      beforeForm={
        <FlowSection
          slug={tenant.slug}
          timeZone={tenant.timezone}
          role={tenant.role}
          entity={entity.data}
          columns={version.data.columns}
          title={recordTitle(version.data.columns, entity.data.data) ?? t("recordForm.untitled")}
        />
      }
      afterForm={<HistorySection slug={tenant.slug} timeZone={tenant.timezone} entityId={entity.data.id} columns={version.data.columns} />}
    />
  );
}

/** `/t/:slug/b/:key/new`: a new record with the latest published version's form. */
export function NewRecordPage() {
  const { slug = "", key = "" } = useParams();
  return <TenantGate slug={slug}>{(tenant) => <NewRecord tenant={tenant} blueprintKey={key} />}</TenantGate>;
}

/** `/t/:slug/e/:id`: one record, with the form of the version it follows. */
export function EditRecordPage() {
  const { slug = "", id = "" } = useParams();
  return <TenantGate slug={slug}>{(tenant) => <EditRecord tenant={tenant} id={id} />}</TenantGate>;
}
