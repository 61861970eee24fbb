/** The "Decision" group of a business-rule task: which of the flow's decision tables it uses. */
import { SelectEntry } from "@bpmn-io/properties-panel";
import { planDecision, readDecision } from "../decisions/decisionChoice";
import { usePanel } from "./usePanel";

interface EntryProps {
  id: string;
  element: { businessObject: any };
}

export function DecisionEntry({ id, element }: EntryProps) {
  const { context, change } = usePanel(element);
  const task = element.businessObject;
  return SelectEntry({
    id,
    element,
    label: context.t("decisions.panelChoose"),
    description: context.t("decisions.panelHelp"),
    getValue: () => readDecision(task),
    setValue: (value: string) => change(planDecision(task, value)),
    getOptions: () => {
      const current = readDecision(task);
      const known = context.decisions ?? [];
      const options = [{ value: "", label: context.t("decisions.panelNone") }, ...known.map((d) => ({ value: d.id, label: d.name }))];
      // A call to a table the flow lacks stays visible, so the person sees what to fix.
      return current && !known.some((d) => d.id === current) ? [...options, { value: current, label: current }] : options;
    },
  });
}
