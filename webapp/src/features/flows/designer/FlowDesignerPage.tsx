import { FlowModeler } from "../../../designer/FlowModeler";
import { FlowDesignerRoute } from "./FlowDesignerRoute";

/** `/t/:slug/flows/:key`: the flow designer. Loaded on demand (LazyFlowDesignerPage): bpmn-js comes with it. */
export default function FlowDesignerPage() {
  return <FlowDesignerRoute Canvas={FlowModeler} />;
}
