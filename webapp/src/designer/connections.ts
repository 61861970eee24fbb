/**
 * A flow node names its sequence flows twice: each flow has its ends (sourceRef, targetRef), and
 * each node may list them (incoming, outgoing). BPMN lets a file leave the lists out, and so did
 * Loom's steps editor before it wrote them; bpmn-js keeps the lists up to date while people draw,
 * and the drawing checks (bpmnlint) read only the lists. So the lists are filled in from the flows'
 * ends when a diagram opens, and a file without them is not "disconnected".
 */
import { isA, type ModdleElement } from "./loomModel";

function list(node: ModdleElement | undefined, which: "incoming" | "outgoing", flow: ModdleElement) {
  if (!node || !isA(node, "bpmn:FlowNode")) return;
  const flows = node.get(which) as ModdleElement[];
  if (!flows.includes(flow)) flows.push(flow);
}

function visit(container: ModdleElement) {
  for (const element of (container.get("flowElements") ?? []) as ModdleElement[]) {
    if (isA(element, "bpmn:SequenceFlow")) {
      list(element.get("sourceRef"), "outgoing", element);
      list(element.get("targetRef"), "incoming", element);
    } else if (isA(element, "bpmn:SubProcess")) {
      visit(element);
    }
  }
}

/** Lists every sequence flow in its ends' incoming and outgoing lists where they leave it out. */
export function listConnections(definitions: ModdleElement): void {
  for (const root of (definitions.get("rootElements") ?? []) as ModdleElement[]) {
    if (isA(root, "bpmn:Process")) visit(root);
  }
}
