import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Tenant } from "../../api/types";
import { describeError, isNotFound } from "./errors";
import { PageLoader } from "./PageLoader";
import { ProblemAlert } from "./ProblemAlert";
import { useTenant } from "../../api/queries/tenants";
import { TenantNotFound } from "./TenantNotFound";

/** Loads the workspace of a page (its timezone and name), or says why it cannot. */
export function TenantGate({ slug, children }: { slug: string; children: (tenant: Tenant) => ReactNode }) {
  const { t } = useTranslation();
  const query = useTenant(slug);
  if (query.isPending) return <PageLoader />;
  if (isNotFound(query.error)) return <TenantNotFound />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  return <>{children(query.data)}</>;
}
