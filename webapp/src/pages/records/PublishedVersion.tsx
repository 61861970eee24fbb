import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Blueprint, BlueprintVersion } from "../../api/blueprints";
import { useBlueprint, useBlueprintVersion } from "../../api/queries/blueprints";
import type { Tenant } from "../../api/types";
import { BlueprintNotFound } from "../../app/components/BlueprintNotFound";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { NotPublished } from "../../features/entities/NotPublished";

interface PublishedVersionProps {
  tenant: Tenant;
  blueprintKey: string;
  children: (blueprint: Blueprint, version: BlueprintVersion) => ReactNode;
}

/** Loads a blueprint and its published version for a records page; says so when either is missing. */
export function PublishedVersion({ tenant, blueprintKey, children }: PublishedVersionProps) {
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
  return children(blueprint.data, version.data);
}
