/** The "Transition" group of a user task: its button label and who may press it. */
import { SelectEntry, TextFieldEntry } from "@bpmn-io/properties-panel";
import { useService } from "bpmn-js-properties-panel";
import type { LoomContext } from "../loomContext";
import { planTransition, readTransition, ROLES, runChanges, type Transition } from "../loomModel";

interface EntryProps {
  id: string;
  element: { businessObject: any };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function useTransition(element: EntryProps["element"]) {
  const commandStack = useService("commandStack");
  const bpmnFactory = useService("bpmnFactory");
  const task = element.businessObject;
  return {
    read: () => readTransition(task),
    write: (changes: Partial<Transition>) => runChanges(commandStack, element, planTransition(task, changes, bpmnFactory)),
  };
}

export function ButtonLabelEntry({ id, element }: EntryProps) {
  const context = useService<LoomContext>("loomContext");
  const debounce = useService("debounceInput");
  const transition = useTransition(element);
  return TextFieldEntry({
    id,
    element,
    label: context.t("flows.panel.buttonLabel"),
    description: context.t("flows.panel.buttonLabelHelp"),
    getValue: () => transition.read().label,
    setValue: (value: string | undefined) => transition.write({ label: value ?? "" }),
    debounce,
  });
}

export function RoleEntry({ id, element }: EntryProps) {
  const context = useService<LoomContext>("loomContext");
  const transition = useTransition(element);
  return SelectEntry({
    id,
    element,
    label: context.t("flows.panel.whoMay"),
    getValue: () => transition.read().role,
    setValue: (value: string) => transition.write({ role: value as Transition["role"] }),
    getOptions: () => [
      { value: "", label: context.t("flows.panel.roles.any") },
      ...ROLES.map((role) => ({ value: role, label: context.t(`flows.panel.roles.${role}`) })),
    ],
  });
}

export function MemberEntry({ id, element }: EntryProps) {
  const context = useService<LoomContext>("loomContext");
  const debounce = useService("debounceInput");
  const transition = useTransition(element);
  return TextFieldEntry({
    id,
    element,
    label: context.t("flows.panel.member"),
    description: context.t("flows.panel.memberHelp"),
    getValue: () => transition.read().member,
    setValue: (value: string | undefined, error: string | null) => {
      if (!error) transition.write({ member: value ?? "" });
    },
    validate: (value: string | undefined) => (value && !EMAIL.test(value.trim()) ? context.t("flows.panel.memberInvalid") : null),
    debounce,
  });
}
