/**
 * The drawing checks (bpmnlint) the designer runs while people draw, configured
 * here in code: bpmnlint's recommended rules, tuned for Loom, plus Loom's own
 * (lintRules.ts). The rules are imported one by one and handed to a static
 * resolver, so the bundle needs no webpack loader.
 */
import type { Config, RuleConfig, RuleFactory } from "bpmnlint/lib/types";
import StaticResolver from "bpmnlint/lib/resolver/static-resolver";
import adHocSubProcess from "bpmnlint/rules/ad-hoc-sub-process";
import conditionalFlows from "bpmnlint/rules/conditional-flows";
import endEventRequired from "bpmnlint/rules/end-event-required";
import eventSubProcessTypedStartEvent from "bpmnlint/rules/event-sub-process-typed-start-event";
import fakeJoin from "bpmnlint/rules/fake-join";
import global from "bpmnlint/rules/global";
import labelRequired from "bpmnlint/rules/label-required";
import linkEvent from "bpmnlint/rules/link-event";
import noBpmndi from "bpmnlint/rules/no-bpmndi";
import noComplexGateway from "bpmnlint/rules/no-complex-gateway";
import noDisconnected from "bpmnlint/rules/no-disconnected";
import noDuplicateSequenceFlows from "bpmnlint/rules/no-duplicate-sequence-flows";
import noGatewayJoinFork from "bpmnlint/rules/no-gateway-join-fork";
import noImplicitEnd from "bpmnlint/rules/no-implicit-end";
import noImplicitSplit from "bpmnlint/rules/no-implicit-split";
import noImplicitStart from "bpmnlint/rules/no-implicit-start";
import noOverlappingElements from "bpmnlint/rules/no-overlapping-elements";
import singleBlankStartEvent from "bpmnlint/rules/single-blank-start-event";
import singleEventDefinition from "bpmnlint/rules/single-event-definition";
import startEventRequired from "bpmnlint/rules/start-event-required";
import subProcessBlankStartEvent from "bpmnlint/rules/sub-process-blank-start-event";
import superfluousGateway from "bpmnlint/rules/superfluous-gateway";
import superfluousTermination from "bpmnlint/rules/superfluous-termination";
import { exceptInSteps, loomRules } from "./lintRules";

/**
 * bpmnlint's own rules, by name. Three of them do not check a flow made in the steps editor
 * (platform/engine/flows/steps/bpmn.py), whose shape is the same for every state on purpose:
 * - no-gateway-join-fork: its "Route by …" gateway both takes each state's way back and sends the
 *   record to its next state (one place routes by the state field);
 * - superfluous-gateway and superfluous-termination: a state with one way out still has its split
 *   and its terminate end, like a state with several.
 * A state that gains or loses a way out keeps its elements, so records waiting there move to the
 * next version (engine/flows/migrate.py refuses dropping elements they passed), and published flows
 * still read back as steps (their board and version comparison). Drawn and imported diagrams get
 * all three checks.
 */
const BPMNLINT_RULES: Record<string, RuleFactory> = {
  "ad-hoc-sub-process": adHocSubProcess,
  "conditional-flows": conditionalFlows,
  "end-event-required": endEventRequired,
  "event-sub-process-typed-start-event": eventSubProcessTypedStartEvent,
  "fake-join": fakeJoin,
  global,
  "label-required": labelRequired,
  "link-event": linkEvent,
  "no-bpmndi": noBpmndi,
  "no-complex-gateway": noComplexGateway,
  "no-disconnected": noDisconnected,
  "no-duplicate-sequence-flows": noDuplicateSequenceFlows,
  "no-gateway-join-fork": exceptInSteps(noGatewayJoinFork),
  "no-implicit-end": noImplicitEnd,
  "no-implicit-split": noImplicitSplit,
  "no-implicit-start": noImplicitStart,
  "no-overlapping-elements": noOverlappingElements,
  "single-blank-start-event": singleBlankStartEvent,
  "single-event-definition": singleEventDefinition,
  "start-event-required": startEventRequired,
  "sub-process-blank-start-event": subProcessBlankStartEvent,
  "superfluous-gateway": exceptInSteps(superfluousGateway),
  "superfluous-termination": exceptInSteps(superfluousTermination),
};

/**
 * bpmnlint's "recommended" set, except: missing labels only warn (a flow can be
 * saved half-drawn), no-inclusive-gateway is dropped (the engine runs them),
 * event-based-gateway is left out (its English texts cannot be translated; the engine checks
 * the gateway when the flow is saved), and superfluous-label
 * is dropped (end events named "Delivered" are fine in Loom).
 */
export const LINT_RULES: Record<string, RuleConfig> = {
  "ad-hoc-sub-process": "error",
  "conditional-flows": "error",
  "end-event-required": "error",
  "event-sub-process-typed-start-event": "error",
  "fake-join": "warn",
  global: "warn",
  "label-required": "warn",
  "link-event": "error",
  "no-bpmndi": "error",
  "no-complex-gateway": "error",
  "no-disconnected": "error",
  "no-duplicate-sequence-flows": "error",
  "no-gateway-join-fork": "error",
  "no-implicit-end": "error",
  "no-implicit-split": "error",
  "no-implicit-start": "error",
  "no-overlapping-elements": "warn",
  "single-blank-start-event": "error",
  "single-event-definition": "error",
  "start-event-required": "error",
  "sub-process-blank-start-event": "error",
  "superfluous-gateway": "warn",
  "superfluous-termination": "warn",
  "loom/supported-elements": "error",
  "loom/transition-label": "warn",
  "loom/script-body": "warn",
  "loom/connector-chosen": "error",
  "loom/message-named": "error",
};

const cache: Record<string, RuleFactory> = {
  ...Object.fromEntries(Object.entries(BPMNLINT_RULES).map(([name, rule]) => [`rule:bpmnlint/${name}`, rule])),
  ...Object.fromEntries(Object.entries(loomRules).map(([name, rule]) => [`rule:bpmnlint-plugin-loom/${name}`, rule])),
};

export const lintConfig: Config = { rules: LINT_RULES };

/** What bpmn-js-bpmnlint takes as `linting.bpmnlint`. */
export const bpmnlint = { config: lintConfig, resolver: new StaticResolver(cache) };
