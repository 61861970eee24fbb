import { lazy, Suspense } from "react";
import { PageLoader } from "../../app/components/PageLoader";

// bpmn-js and the properties panel are large: only the designer page downloads them.
const FlowDesignerPage = lazy(() => import("./designer/FlowDesignerPage"));

/** `/t/:slug/flows/:key`, loaded when first opened. */
export function LazyFlowDesignerPage() {
  return (
    <Suspense fallback={<PageLoader />}>
      <FlowDesignerPage />
    </Suspense>
  );
}
