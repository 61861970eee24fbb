import { lazy, Suspense } from "react";
import { PageLoader } from "../app/components/PageLoader";

// Only administrators need the back office: it is downloaded when `/admin` is first opened.
const AdminApp = lazy(() => import("./AdminApp"));

/** `/admin/*`. */
export function LazyAdminApp() {
  return (
    <Suspense fallback={<PageLoader fullHeight />}>
      <AdminApp />
    </Suspense>
  );
}
