import { useService } from "bpmn-js-properties-panel";
import type { LoomContext } from "../loomContext";
import { runChanges, type Change, type ModdleFactory } from "../loomModel";

/**
 * What an entry of Loom's groups needs from the properties panel: Loom's context (its words and
 * the blueprint's columns), the factory for new model elements, and `change`, which applies model
 * changes to the element as one step that undo takes back.
 */
export function usePanel(element: unknown) {
  const context = useService<LoomContext>("loomContext");
  const commandStack = useService("commandStack");
  const factory = useService<ModdleFactory>("bpmnFactory");
  return { context, t: context.t, factory, change: (changes: readonly Change[]) => runChanges(commandStack, element, changes) };
}
