/**
 * Reading and writing Loom's extensions on BPMN moddle elements, as pure
 * functions: each `plan…` returns the property changes to make, which the
 * properties panel runs as undoable commands and tests apply directly.
 *
 * - bpmn:Process `loom:blueprint`: the blueprint the flow is bound to.
 * - bpmn:UserTask `<loom:transition label role member/>` and, in order,
 *   `<loom:field key/>`: the button people press and the form it shows.
 * - bpmn:ScriptTask: the standard `<bpmn:script>` body, scriptFormat "python".
 * - bpmn:SequenceFlow out of a gateway: the standard conditionExpression body.
 */

/** A moddle element (bpmn-moddle); only what these functions use. */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $instanceOf?: (type: string) => boolean;
  get(name: string): any;
  set(name: string, value: unknown): void;
  [key: string]: any;
}

/** Creates moddle elements: bpmn-js's `bpmnFactory` or a bpmn-moddle instance. */
export interface ModdleFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

/** Properties to set on one moddle element; `undefined` removes a property. */
export interface Change {
  target: ModdleElement;
  properties: Record<string, unknown>;
}

export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export interface Transition {
  label: string;
  /** "" = anyone who may edit records. */
  role: Role | "";
  /** "" = anyone with the role. */
  member: string;
}

export const TRANSITION = "loom:Transition";
export const FIELD = "loom:Field";

export function isA(element: ModdleElement | null | undefined, type: string): boolean {
  return !!element && (element.$instanceOf ? element.$instanceOf(type) : element.$type === type);
}

/** The blueprint key a process is bound to, or "". */
export function boundBlueprint(process: ModdleElement): string {
  return process.get("loom:blueprint") ?? "";
}

export function planBlueprint(process: ModdleElement, key: string): Change[] {
  return [{ target: process, properties: { "loom:blueprint": key || undefined } }];
}

export function extensionValues(element: ModdleElement): ModdleElement[] {
  return element.get("extensionElements")?.get("values") ?? [];
}

/**
 * Puts `values` into the element's extension elements, creating the container
 * when there is none; an emptied container is removed.
 */
export function planExtensionValues(element: ModdleElement, values: ModdleElement[], factory: ModdleFactory): Change[] {
  const existing: ModdleElement | undefined = element.get("extensionElements");
  if (existing) {
    for (const value of values) value.$parent = existing;
    if (!values.length) return [{ target: element, properties: { extensionElements: undefined } }];
    return [{ target: existing, properties: { values } }];
  }
  if (!values.length) return [];
  const container = factory.create("bpmn:ExtensionElements", { values });
  container.$parent = element;
  for (const value of values) value.$parent = container;
  return [{ target: element, properties: { extensionElements: container } }];
}

function transitionElement(task: ModdleElement): ModdleElement | undefined {
  return extensionValues(task).find((value) => isA(value, TRANSITION));
}

export function readTransition(task: ModdleElement): Transition {
  const transition = transitionElement(task);
  const role = transition?.get("role") ?? "";
  return {
    label: transition?.get("label") ?? "",
    role: (ROLES as readonly string[]).includes(role) ? (role as Role) : "",
    member: transition?.get("member") ?? "",
  };
}

/** Changes the transition's label, role or member; empty values are left out of the XML. */
export function planTransition(task: ModdleElement, changes: Partial<Transition>, factory: ModdleFactory): Change[] {
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(changes)) properties[name] = value?.trim() ? value.trim() : undefined;
  const transition = transitionElement(task);
  if (transition) return [{ target: transition, properties }];
  const attrs = Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined));
  const created = factory.create(TRANSITION, attrs);
  // The transition goes first, before any form fields.
  return planExtensionValues(task, [created, ...extensionValues(task)], factory);
}

/** Keys of the form's fields, in order. */
export function readFieldKeys(task: ModdleElement): string[] {
  return extensionValues(task)
    .filter((value) => isA(value, FIELD))
    .map((value) => value.get("key") ?? "")
    .filter(Boolean);
}

/** Replaces the form's fields with `keys`, in that order; other extensions stay. */
export function planFields(task: ModdleElement, keys: readonly string[], factory: ModdleFactory): Change[] {
  const others = extensionValues(task).filter((value) => !isA(value, FIELD));
  const unique = [...new Set(keys.filter(Boolean))];
  const fields = unique.map((key) => factory.create(FIELD, { key }));
  return planExtensionValues(task, [...others, ...fields], factory);
}

export function readScript(task: ModdleElement): string {
  return task.get("script") ?? "";
}

export function planScript(task: ModdleElement, body: string): Change[] {
  return [{ target: task, properties: { scriptFormat: "python", script: body ? body : undefined } }];
}

/** A sequence flow leaving a gateway decides which way to go: it can carry a condition. */
export function takesCondition(flow: ModdleElement): boolean {
  return isA(flow, "bpmn:SequenceFlow") && (isA(flow.get("sourceRef"), "bpmn:ExclusiveGateway") || isA(flow.get("sourceRef"), "bpmn:InclusiveGateway"));
}

export function readCondition(flow: ModdleElement): string {
  return flow.get("conditionExpression")?.get("body") ?? "";
}

export function planCondition(flow: ModdleElement, body: string, factory: ModdleFactory): Change[] {
  const text = body.trim();
  const existing: ModdleElement | undefined = flow.get("conditionExpression");
  if (!text) return existing ? [{ target: flow, properties: { conditionExpression: undefined } }] : [];
  if (existing) return [{ target: existing, properties: { body: text } }];
  const expression = factory.create("bpmn:FormalExpression", { body: text });
  expression.$parent = flow;
  return [{ target: flow, properties: { conditionExpression: expression } }];
}

/** Applies changes straight to the model (tests, and imports before the first command). */
export function applyChanges(changes: readonly Change[]): void {
  for (const { target, properties } of changes) {
    for (const [name, value] of Object.entries(properties)) target.set(name, value);
  }
}

/** The same changes as one undoable command of the properties panel. */
export function runChanges(
  commandStack: { execute(command: string, context: unknown): void },
  element: unknown,
  changes: readonly Change[],
): void {
  if (!changes.length) return;
  commandStack.execute(
    "properties-panel.multi-command-executor",
    changes.map(({ target, properties }) => ({
      cmd: "element.updateModdleProperties",
      context: { element, moddleElement: target, properties },
    })),
  );
}

/** Binds every process of the diagram to the blueprint, marked executable: Loom runs it, and other
 * tools should know (bpmn-js and Signavio write isExecutable="false"). */
export function bindDefinitions(definitions: ModdleElement, blueprintKey: string): void {
  for (const root of (definitions.get("rootElements") ?? []) as ModdleElement[]) {
    if (!isA(root, "bpmn:Process")) continue;
    if (boundBlueprint(root) !== blueprintKey) root.set("loom:blueprint", blueprintKey);
    if (root.get("isExecutable") !== true) root.set("isExecutable", true);
  }
}
