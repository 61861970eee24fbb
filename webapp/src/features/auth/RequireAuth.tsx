import { Navigate, Outlet, useLocation } from "react-router-dom";
import { PageLoader } from "../../app/components/PageLoader";
import { useSession } from "../../app/useSession";

export const TWO_FACTOR_SETUP_PATH = "/setup-two-factor";

/**
 * Guards the signed-in pages: waits for the session, or sends the visitor to sign in.
 * A user who must set up two-step sign-in first sees only that set-up; a super admin, who
 * belongs to no workspace, is sent to the back office.
 */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "unknown") return <PageLoader fullHeight />;
  const next = `${location.pathname}${location.search}${location.hash}`;
  if (session.status === "signed-out") {
    const to =
      session.reason === "logout"
        ? "/signin"
        : session.reason === "deleted"
          ? "/signin?deleted=1"
          : `/signin?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  if (session.user?.admin) return <Navigate to="/admin" replace />;
  if (session.user?.two_factor?.required && location.pathname !== TWO_FACTOR_SETUP_PATH) {
    return <Navigate to={`${TWO_FACTOR_SETUP_PATH}?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
