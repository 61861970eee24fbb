/** The "Script" of a script task and the "Condition" of a flow out of a gateway. */
import { createElement as h } from "@bpmn-io/properties-panel/preact";
import { useService } from "bpmn-js-properties-panel";
import type { LoomContext } from "../loomContext";
import { planCondition, planScript, readCondition, readScript, runChanges, type Change } from "../loomModel";
import { allSuggestions } from "../suggestions";
import { SuggestingTextArea } from "./SuggestingTextArea";

interface EntryProps {
  id: string;
  element: { id: string; businessObject: any };
}

interface CodeField {
  /** The last part of its texts' keys: flows.panel.<name> and flows.panel.<name>Help. */
  name: "script" | "condition";
  value: string;
  rows: number;
  placeholder: string;
  /** The model changes that store a new text. */
  plan: (body: string) => Change[];
}

/** A text area for code with the columns and helpers it may use suggested. */
function codeEntry({ id, element }: EntryProps, context: LoomContext, field: CodeField) {
  const commandStack = useService("commandStack");
  const eventBus = useService("eventBus");
  return h(SuggestingTextArea, {
    // A new element gets a fresh editor: its pending text never lands on another element.
    key: element.id,
    id,
    label: context.t(`flows.panel.${field.name}`),
    description: context.t(`flows.panel.${field.name}Help`),
    value: field.value,
    suggestions: allSuggestions(context.columns, (key) => context.t(`flows.script.helpers.${key}`)),
    rows: field.rows,
    placeholder: field.placeholder,
    onCommit: (body: string) => runChanges(commandStack, element, field.plan(body)),
    t: context.t,
    eventBus,
  });
}

export function ScriptEntry(props: EntryProps) {
  const context = useService<LoomContext>("loomContext");
  const task = props.element.businessObject;
  return codeEntry(props, context, {
    name: "script",
    value: readScript(task),
    rows: 6,
    placeholder: 'status = "IN_PROGRESS"\nstarted_at = now()',
    plan: (body) => planScript(task, body),
  });
}

export function ConditionEntry(props: EntryProps) {
  const context = useService<LoomContext>("loomContext");
  const bpmnFactory = useService("bpmnFactory");
  const flow = props.element.businessObject;
  return codeEntry(props, context, {
    name: "condition",
    value: readCondition(flow),
    rows: 2,
    placeholder: "qty > 0",
    plan: (body) => planCondition(flow, body, bpmnFactory),
  });
}
