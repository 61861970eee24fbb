/**
 * Loom's groups in the bpmn-js properties panel: the bound blueprint on the
 * process, the transition (button label, who may press it, form fields) on a
 * user task, the Python script on a script task, and the condition on a flow
 * leaving a gateway. Timers, names and ids come from the standard BPMN provider.
 */
import { Group, isSelectEntryEdited, isTextFieldEntryEdited } from "@bpmn-io/properties-panel";
import type { LoomContext } from "../loomContext";
import { isA, takesCondition } from "../loomModel";
import { BlueprintEntry } from "./BlueprintEntry";
import { ConditionEntry, ScriptEntry } from "./CodeEntries";
import { FormFieldsEntry } from "./FormFieldsEntry";
import { withTechnicalToggle } from "./technical";
import { TechnicalToggle } from "./TechnicalToggle";
import { ButtonLabelEntry, MemberEntry, RoleEntry } from "./TransitionEntries";

interface DiagramElement {
  id: string;
  businessObject: any;
}

interface GroupDefinition {
  id: string;
  label: string;
  component: unknown;
  shouldOpen?: boolean;
  entries: { id: string; component: unknown; isEdited?: (node: HTMLElement | null) => boolean }[];
}

/** The ids of Loom's groups, opened by default. */
export const LOOM_GROUPS = ["loom-flow", "loom-transition", "loom-script", "loom-condition"] as const;

const hasText = (node: HTMLElement | null) => !!node && !!(node as HTMLTextAreaElement).value;

export function loomGroups(element: DiagramElement, context: LoomContext): GroupDefinition[] {
  const t = context.t;
  const bo = element.businessObject;
  const groups: GroupDefinition[] = [];
  if (isA(bo, "bpmn:Process") || (isA(bo, "bpmn:Participant") && bo.processRef)) {
    groups.push({
      id: "loom-flow",
      label: t("flows.panel.flowGroup"),
      component: Group,
      shouldOpen: true,
      entries: [{ id: "loom-blueprint", component: BlueprintEntry }],
    });
  }
  // A plain task passes straight through until it gets a button label: then it is a person's step.
  if (isA(bo, "bpmn:UserTask") || bo.$type === "bpmn:Task") {
    groups.push({
      id: "loom-transition",
      label: t("flows.panel.transitionGroup"),
      component: Group,
      shouldOpen: true,
      entries: [
        { id: "loom-transition-label", component: ButtonLabelEntry, isEdited: isTextFieldEntryEdited },
        { id: "loom-transition-role", component: RoleEntry, isEdited: isSelectEntryEdited },
        { id: "loom-transition-member", component: MemberEntry, isEdited: isTextFieldEntryEdited },
        { id: "loom-fields", component: FormFieldsEntry },
      ],
    });
  }
  if (isA(bo, "bpmn:ScriptTask")) {
    groups.push({
      id: "loom-script",
      label: t("flows.panel.scriptGroup"),
      component: Group,
      shouldOpen: true,
      entries: [{ id: "loom-script", component: ScriptEntry, isEdited: hasText }],
    });
  }
  if (takesCondition(bo)) {
    groups.push({
      id: "loom-condition",
      label: t("flows.panel.conditionGroup"),
      component: Group,
      shouldOpen: true,
      entries: [{ id: "loom-condition", component: ConditionEntry, isEdited: hasText }],
    });
  }
  return groups;
}

class LoomPropertiesProvider {
  static $inject = ["propertiesPanel", "loomContext"];

  private readonly context: LoomContext;

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, loomContext: LoomContext) {
    this.context = loomContext;
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: DiagramElement) {
    return (groups: GroupDefinition[]) => {
      const general = groups.findIndex((group) => group.id === "general");
      const ours = loomGroups(element, this.context);
      // Loom's groups come right after "General", where people look first.
      groups.splice(general < 0 ? 0 : general + 1, 0, ...ours);
      return withTechnicalToggle(groups, !!this.context.showTechnical, TechnicalToggle);
    };
  }
}

export const LoomPropertiesProviderModule = {
  __init__: ["loomPropertiesProvider"],
  loomPropertiesProvider: ["type", LoomPropertiesProvider],
};
