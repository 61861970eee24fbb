/**
 * Loom's groups in the bpmn-js properties panel: the bound blueprint on the
 * process, the transition (button label, who may press it, form fields) on a
 * user task, the Python script on a script task, what a service task sends
 * (an HTTP request or an email, panel/ConnectorEntries.ts), the message or signal an event or
 * a send/receive task waits for or sends (panel/MessageEntries.ts), and the condition on a flow
 * leaving a gateway. Timers, names and ids come from the standard BPMN provider.
 */
import { Group, isSelectEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited } from "@bpmn-io/properties-panel";
import { connectorSettings, readConnectorKind } from "../connectorModel";
import type { LoomContext } from "../loomContext";
import { isA, takesCondition } from "../loomModel";
import { messageEntryIds, messageEvent } from "../messageModel";
import { BlueprintEntry } from "./BlueprintEntry";
import { ConditionEntry, ScriptEntry } from "./CodeEntries";
import { DecisionEntry } from "./DecisionEntry";
import {
  BodyEntry,
  ConnectorKindEntry,
  EmailTextEntry,
  HeadersEntry,
  MethodEntry,
  ResponsesEntry,
  SubjectEntry,
  ToEntry,
  UrlEntry,
} from "./ConnectorEntries";
import { FormFieldsEntry } from "./FormFieldsEntry";
import { CorrelationEntry, EventNameEntry } from "./MessageEntries";
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
export const LOOM_GROUPS = ["loom-flow", "loom-transition", "loom-script", "loom-connector", "loom-decision", "loom-message", "loom-condition"] as const;

/** The standard groups Loom's message group stands in for, in plain words. */
const REPLACED_BY_MESSAGE = new Set(["message", "signal"]);

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
  if (isA(bo, "bpmn:ServiceTask")) groups.push(connectorGroup(bo, t));
  if (isA(bo, "bpmn:BusinessRuleTask")) {
    groups.push({
      id: "loom-decision",
      label: t("decisions.panelGroup"),
      component: Group,
      shouldOpen: true,
      entries: [{ id: "loom-decision", component: DecisionEntry, isEdited: isSelectEntryEdited }],
    });
  }
  const event = messageEvent(bo);
  if (event) {
    const components: Record<string, { component: unknown; isEdited?: (node: HTMLElement | null) => boolean }> = {
      name: { component: EventNameEntry, isEdited: hasText },
      correlation: { component: CorrelationEntry, isEdited: isSelectEntryEdited },
    };
    groups.push({
      id: "loom-message",
      label: t(`flows.panel.message.group.${event.kind}`),
      component: Group,
      shouldOpen: true,
      entries: messageEntryIds(event).map((name) => ({ id: `loom-message-${name}`, ...components[name] })),
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

const CONNECTOR_ENTRIES: Record<string, { component: unknown; isEdited: (node: HTMLElement | null) => boolean }> = {
  kind: { component: ConnectorKindEntry, isEdited: isSelectEntryEdited },
  method: { component: MethodEntry, isEdited: isSelectEntryEdited },
  url: { component: UrlEntry, isEdited: isTextFieldEntryEdited },
  headers: { component: HeadersEntry, isEdited: isTextAreaEntryEdited },
  body: { component: BodyEntry, isEdited: isTextAreaEntryEdited },
  responses: { component: ResponsesEntry, isEdited: isTextAreaEntryEdited },
  to: { component: ToEntry, isEdited: isTextFieldEntryEdited },
  subject: { component: SubjectEntry, isEdited: isTextFieldEntryEdited },
  text: { component: EmailTextEntry, isEdited: isTextAreaEntryEdited },
};

/** A service task's connector: what it sends, then that request's or email's settings. */
function connectorGroup(task: any, t: LoomContext["t"]): GroupDefinition {
  const settings = ["kind", ...connectorSettings(readConnectorKind(task))];
  const entries = settings.map((name) => ({ id: `loom-connector-${name}`, ...CONNECTOR_ENTRIES[name] }));
  return { id: "loom-connector", label: t("flows.panel.connector.group"), component: Group, shouldOpen: true, entries };
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
      const shown = ours.some((group) => group.id === "loom-message") ? groups.filter((group) => !REPLACED_BY_MESSAGE.has(group.id)) : groups;
      return withTechnicalToggle(shown, !!this.context.showTechnical, TechnicalToggle);
    };
  }
}

export const LoomPropertiesProviderModule = {
  __init__: ["loomPropertiesProvider"],
  loomPropertiesProvider: ["type", LoomPropertiesProvider],
};
