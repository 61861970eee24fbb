/** The "Transition" group of a user task: its button label and who may press it. */
import { SelectEntry, TextFieldEntry } from "@bpmn-io/properties-panel";
import { useService } from "bpmn-js-properties-panel";
import type { LoomContext } from "../loomContext";
import { planTransition, readTransition, ROLES, type Transition } from "../loomModel";
import { usePanel } from "./usePanel";

interface EntryProps {
  id: string;
  element: { businessObject: any };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function useTransition(element: EntryProps["element"]) {
  const { factory, change } = usePanel(element);
  const task = element.businessObject;
  return {
    read: () => readTransition(task),
    write: (changes: Partial<Transition>) => change(planTransition(task, changes, factory)),
  };
}

/**
 * A text field for one of the transition's texts, its label and help read from flows.panel.<name>
 * and flows.panel.<name>Help; a text `validate` refuses is not stored.
 */
function transitionTextEntry(
  { id, element }: EntryProps,
  name: string,
  field: "label" | "member",
  validate?: (value: string | undefined, t: LoomContext["t"]) => string | null,
) {
  const context = useService<LoomContext>("loomContext");
  const debounce = useService("debounceInput");
  const transition = useTransition(element);
  return TextFieldEntry({
    id,
    element,
    label: context.t(`flows.panel.${name}`),
    description: context.t(`flows.panel.${name}Help`),
    getValue: () => transition.read()[field],
    setValue: (value: string | undefined, error?: string | null) => {
      if (!error) transition.write({ [field]: value ?? "" });
    },
    validate: validate && ((value: string | undefined) => validate(value, context.t)),
    debounce,
  });
}

export function ButtonLabelEntry(props: EntryProps) {
  return transitionTextEntry(props, "buttonLabel", "label");
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

export function MemberEntry(props: EntryProps) {
  return transitionTextEntry(props, "member", "member", (value, t) => (value && !EMAIL.test(value.trim()) ? t("flows.panel.memberInvalid") : null));
}
