import { Navigate, Outlet, useLocation } from "react-router-dom";
import { PageLoader } from "../../app/components/PageLoader";
import { useSession } from "./useSession";

/** Guards the signed-in pages: waits for the session, or sends the visitor to sign in. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "unknown") return <PageLoader fullHeight />;
  if (session.status === "signed-out") {
    const next = `${location.pathname}${location.search}${location.hash}`;
    const to = session.reason === "logout" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <Outlet />;
}
