/**
 * Loom's own lint rules (the bpmnlint plug-in "loom"): what the engine refuses
 * (docs/bpmn.md) is flagged while drawing, before the server says so on save.
 */
import type { Reporter, RuleFactory } from "bpmnlint/lib/types";
import i18n from "../i18n";
import { readConnectorKind } from "./connectorModel";
import { isA, readScript, readTransition, type ModdleElement } from "./loomModel";
import { messageEvent, readEventName } from "./messageModel";

const REFUSED: [type: string, what: string][] = [
  ["bpmn:ConditionalEventDefinition", "conditional"],
  ["bpmn:DataStoreReference", "dataStore"],
];

function owner(definition: ModdleElement): ModdleElement {
  return definition.$parent ?? definition;
}

/** Elements the engine cannot run: an error on the element, in plain words. */
const supportedElements: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    const refused = REFUSED.find(([type]) => isA(node, type));
    if (refused) {
      const target = refused[0].endsWith("EventDefinition") ? owner(node) : node;
      reporter.report(target.id, i18n.t("flows.lint.refused", { what: i18n.t(`flows.lint.kinds.${refused[1]}`) }));
      return;
    }
    if (isA(node, "bpmn:TimerEventDefinition")) {
      const event = owner(node);
      // A timer may start an event sub-process, never the flow itself (it starts with its record).
      if (isA(event, "bpmn:StartEvent") && !event.$parent?.get?.("triggeredByEvent")) {
        reporter.report(event.id, i18n.t("flows.lint.timerStart"));
      }
    }
  },
});

/** A user task is a button: it needs words on it. */
const transitionLabel: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    if (isA(node, "bpmn:UserTask") && !readTransition(node).label && !node.get("name")) {
      reporter.report(node.id, i18n.t("flows.lint.noLabel"));
    }
  },
});

/** A script task without a script does nothing. */
const scriptBody: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    if (isA(node, "bpmn:ScriptTask") && !readScript(node).trim()) reporter.report(node.id, i18n.t("flows.lint.noScript"));
  },
});

/** A service task runs once it says what it sends (connectorModel.ts); the server refuses it otherwise. */
const connectorChosen: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    if (isA(node, "bpmn:ServiceTask") && !readConnectorKind(node)) reporter.report(node.id, i18n.t("flows.lint.noConnector"));
  },
});

/** A message or signal step needs its message's name: other flows, the API and hooks send it by name. */
const messageNamed: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    const event = messageEvent(node);
    if (event && !readEventName(node)) reporter.report(node.id, i18n.t(`flows.lint.unnamed.${event.kind}`));
  },
});

/** Whether ``node`` belongs to a process the steps editor made (it keeps its table, ``loom:steps``). */
function madeFromSteps(node: ModdleElement): boolean {
  let at: ModdleElement | undefined = node;
  while (at && !isA(at, "bpmn:Process")) at = at.$parent;
  const kept = (at?.get("extensionElements") as ModdleElement | undefined)?.get("values") as ModdleElement[] | undefined;
  return (kept ?? []).some((element) => isA(element, "loom:Steps"));
}

/**
 * ``rule``, except in a process made from steps (the reasons are in lintConfig.ts): the rule keeps
 * its name, so its messages and settings stay bpmnlint's.
 */
export function exceptInSteps(rule: RuleFactory): RuleFactory {
  return (options) => {
    const inner = rule(options);
    const check = inner.check;
    if (typeof check !== "function") throw new Error("exceptInSteps takes rules with one check function");
    return { ...inner, check: (node: ModdleElement, reporter: Reporter) => (madeFromSteps(node) ? undefined : check(node, reporter)) };
  };
}

export const loomRules: Record<string, RuleFactory> = {
  "supported-elements": supportedElements,
  "transition-label": transitionLabel,
  "script-body": scriptBody,
  "connector-chosen": connectorChosen,
  "message-named": messageNamed,
};
