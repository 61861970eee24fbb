/** The "Script" of a script task and the "Condition" of a flow out of a gateway. */
import { createElement as h } from "@bpmn-io/properties-panel/preact";
import { useService } from "bpmn-js-properties-panel";
import type { LoomContext } from "../loomContext";
import { planCondition, planScript, readCondition, readScript, runChanges } from "../loomModel";
import { allSuggestions } from "../suggestions";
import { SuggestingTextArea } from "./SuggestingTextArea";

interface EntryProps {
  id: string;
  element: { id: string; businessObject: any };
}

function useSuggestions() {
  const context = useService<LoomContext>("loomContext");
  return { context, suggestions: allSuggestions(context.columns, (key) => context.t(`flows.script.helpers.${key}`)) };
}

export function ScriptEntry({ id, element }: EntryProps) {
  const { context, suggestions } = useSuggestions();
  const commandStack = useService("commandStack");
  const eventBus = useService("eventBus");
  const task = element.businessObject;
  return h(SuggestingTextArea, {
    // A new element gets a fresh editor: its pending text never lands on another element.
    key: element.id,
    id,
    label: context.t("flows.panel.script"),
    description: context.t("flows.panel.scriptHelp"),
    value: readScript(task),
    suggestions,
    rows: 6,
    placeholder: 'status = "IN_PROGRESS"\nstarted_at = now()',
    onCommit: (body: string) => runChanges(commandStack, element, planScript(task, body)),
    t: context.t,
    eventBus,
  });
}

export function ConditionEntry({ id, element }: EntryProps) {
  const { context, suggestions } = useSuggestions();
  const commandStack = useService("commandStack");
  const eventBus = useService("eventBus");
  const bpmnFactory = useService("bpmnFactory");
  const flow = element.businessObject;
  return h(SuggestingTextArea, {
    key: element.id,
    id,
    label: context.t("flows.panel.condition"),
    description: context.t("flows.panel.conditionHelp"),
    value: readCondition(flow),
    suggestions,
    rows: 2,
    placeholder: "qty > 0",
    onCommit: (body: string) => runChanges(commandStack, element, planCondition(flow, body, bpmnFactory)),
    t: context.t,
    eventBus,
  });
}
