import { FlowModeler } from "../designer/FlowModeler";
import { FlowDesignerRoute } from "../features/flows/designer/FlowDesignerRoute";
import { FlowMessagesSection } from "../features/messages/FlowMessagesSection";

/**
 * `/t/:slug/flows/:key`: the flow designer with the flow's messages below the drawing.
 * Loaded on demand (src/app/router.tsx): bpmn-js comes with it.
 */
export default function FlowDesignerPage() {
  return (
    <FlowDesignerRoute
      Canvas={FlowModeler}
      messages={(tenant, flowKey) => <FlowMessagesSection slug={tenant.slug} flowKey={flowKey} role={tenant.role} timeZone={tenant.timezone} />}
    />
  );
}
