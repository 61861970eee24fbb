/** The "Script" of a script task and the "Condition" of a flow out of a gateway. */
import { createElement as h } from "@bpmn-io/properties-panel/preact";
import { useService } from "bpmn-js-properties-panel";
import { planCondition, planScript, readCondition, readScript, type Change, type ModdleElement, type ModdleFactory } from "../loomModel";
import { allSuggestions } from "../suggestions";
import { SuggestingTextArea } from "./SuggestingTextArea";
import { usePanel } from "./usePanel";

interface EntryProps {
  id: string;
  element: { id: string; businessObject: any };
}

interface CodeField {
  read: (element: ModdleElement) => string;
  /** The model changes that store a new text. */
  plan: (element: ModdleElement, body: string, factory: ModdleFactory) => Change[];
  rows: number;
  placeholder: string;
}

/** The code each entry edits; its texts are flows.panel.<name> and flows.panel.<name>Help. */
const FIELDS: Record<"script" | "condition", CodeField> = {
  script: { read: readScript, plan: (task, body) => planScript(task, body), rows: 6, placeholder: 'status = "IN_PROGRESS"\nstarted_at = now()' },
  condition: { read: readCondition, plan: planCondition, rows: 2, placeholder: "qty > 0" },
};

/** A text area for code with the columns and helpers it may use suggested. */
function codeEntry({ id, element }: EntryProps, name: keyof typeof FIELDS) {
  const { context, factory, change } = usePanel(element);
  const eventBus = useService("eventBus");
  const field = FIELDS[name];
  const code = element.businessObject;
  return h(SuggestingTextArea, {
    // A new element gets a fresh editor: its pending text never lands on another element.
    key: element.id,
    id,
    label: context.t(`flows.panel.${name}`),
    description: context.t(`flows.panel.${name}Help`),
    value: field.read(code),
    suggestions: allSuggestions(context.columns, (key) => context.t(`flows.script.helpers.${key}`)),
    rows: field.rows,
    placeholder: field.placeholder,
    onCommit: (body: string) => change(field.plan(code, body, factory)),
    t: context.t,
    eventBus,
  });
}

/** A script task's Python. */
export const ScriptEntry = (props: EntryProps) => codeEntry(props, "script");

/** The condition on a flow out of a gateway. */
export const ConditionEntry = (props: EntryProps) => codeEntry(props, "condition");
