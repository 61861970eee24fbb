import { BackgroundWork } from "../../features/jobs/BackgroundWork";
import { useTenant } from "../../api/queries/tenants";

/** The header's "Background work" for the workspace shown. */
export function BackgroundWorkButton({ slug }: { slug: string }) {
  const tenant = useTenant(slug);
  return <BackgroundWork slug={slug} timeZone={tenant.data?.timezone ?? "UTC"} />;
}
