/**
 * Which decision table a business-rule task calls, read and written the way
 * Camunda 7 does (`camunda:decisionRef`), which Loom's engine reads, as it
 * reads Camunda 8's `zeebe:calledDecision` and SpiffWorkflow's
 * `spiffworkflow:calledDecisionId`.
 */
import type { Change, ModdleElement } from "../loomModel";

export const CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
const REF = "camunda:decisionRef";

/** The decision id the task calls, "" when none (any of the three ways a modeler writes it). */
export function readDecision(task: ModdleElement): string {
  const camunda = task.get?.(REF) ?? task.$attrs?.[REF];
  if (camunda) return String(camunda);
  for (const extension of task.extensionElements?.values ?? []) {
    const type = String(extension.$type ?? "");
    if (type.endsWith("calledDecision") && extension.decisionId) return String(extension.decisionId);
    if (type.endsWith("calledDecisionId") && extension.$body) return String(extension.$body).trim();
  }
  return "";
}

/** The root element a moddle element belongs to (bpmn:Definitions). */
function definitionsOf(element: ModdleElement): ModdleElement | null {
  let current: ModdleElement | undefined = element;
  while (current?.$parent) current = current.$parent;
  return current && current !== element ? current : null;
}

/**
 * The change that makes `task` call `decisionId` ("" to call none). Without
 * Camunda's moddle package the attribute is written as a plain extension
 * attribute, so the file declares Camunda's namespace for it.
 */
export function planDecision(task: ModdleElement, decisionId: string): Change[] {
  const known = !!task.$model?.getPackage?.("camunda");
  const definitions = definitionsOf(task);
  if (!known && decisionId && definitions) {
    definitions.$attrs["xmlns:camunda"] ??= CAMUNDA_NS;
  }
  return [{ target: task, properties: { [REF]: decisionId || undefined } }];
}
