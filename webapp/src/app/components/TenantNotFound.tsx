import { NotFoundState } from "./NotFoundState";

/** Shown for a workspace that does not exist or that the user may not see (404). */
export function TenantNotFound() {
  return <NotFoundState what="tenant" backTo="/" />;
}
