/**
 * Messages and signals on BPMN elements, as pure read and plan functions like loomModel.ts.
 *
 * - The message or signal an element waits for or sends is a root `bpmn:message` /
 *   `bpmn:signal` it refers to: an event's `messageEventDefinition messageRef` (or
 *   `signalEventDefinition signalRef`), a receive or send task's own `messageRef`. People see
 *   and type only its name: a name the diagram knows already links to that message, a new
 *   name renames the element's own message (when nothing else uses it) or makes a new one, and
 *   a message nothing refers to any more is taken out of the diagram.
 * - The record field a catch correlates on is `<loom:correlation field=".."/>` in its
 *   extension elements (engine/flows/correlation.py): the record where that field equals the
 *   message's value of the same name takes the message.
 */
import { extensionValues, isA, planExtensionValues, type Change, type ModdleElement, type ModdleFactory } from "./loomModel";

export const CORRELATION = "loom:Correlation";

export type EventKind = "message" | "signal";

/** What a message or signal element does, for the panel to choose its words and entries. */
export interface MessageEvent {
  kind: EventKind;
  /** "start": a process's message start, which creates a record; "catch": waits; "throw": sends. */
  role: "start" | "catch" | "throw";
  /** It waits for a message that must find the right record: it may name a correlation field. */
  correlates: boolean;
}

interface Reference {
  holder: ModdleElement;
  property: "messageRef" | "signalRef";
  type: "bpmn:Message" | "bpmn:Signal";
}

function definitionOf(element: ModdleElement, type: string): ModdleElement | undefined {
  return (element.get("eventDefinitions") ?? []).find((definition: ModdleElement) => isA(definition, type));
}

function reference(element: ModdleElement): Reference | null {
  if (isA(element, "bpmn:ReceiveTask") || isA(element, "bpmn:SendTask")) {
    return { holder: element, property: "messageRef", type: "bpmn:Message" };
  }
  if (!isA(element, "bpmn:Event")) return null;
  const message = definitionOf(element, "bpmn:MessageEventDefinition");
  if (message) return { holder: message, property: "messageRef", type: "bpmn:Message" };
  const signal = definitionOf(element, "bpmn:SignalEventDefinition");
  return signal ? { holder: signal, property: "signalRef", type: "bpmn:Signal" } : null;
}

/** A start event of the process itself (not of an event sub-process): a message there makes a record. */
function startsTheProcess(element: ModdleElement): boolean {
  const parent = element.$parent;
  return isA(element, "bpmn:StartEvent") && !(parent && isA(parent, "bpmn:SubProcess") && parent.get("triggeredByEvent"));
}

/** The element's message or signal role, or null when it has none. */
export function messageEvent(element: ModdleElement): MessageEvent | null {
  const found = reference(element);
  if (!found) return null;
  const kind: EventKind = found.type === "bpmn:Message" ? "message" : "signal";
  const catches = isA(element, "bpmn:ReceiveTask") || isA(element, "bpmn:CatchEvent");
  const role = !catches ? "throw" : kind === "message" && startsTheProcess(element) ? "start" : "catch";
  return { kind, role, correlates: kind === "message" && role === "catch" };
}

/** The i18n key of the panel's words for this kind of element: `flows.panel.message.<word>.<kind><Role>`. */
export function wordsFor(event: MessageEvent, word: "name" | "nameHelp"): string {
  const role = event.role[0].toUpperCase() + event.role.slice(1);
  return `flows.panel.message.${word}.${event.kind}${role}`;
}

/** The entries of the panel's message group for such an element, in order (panel/MessageEntries.ts). */
export function messageEntryIds(event: MessageEvent): string[] {
  return event.correlates ? ["name", "correlation"] : ["name"];
}

/** The diagram's root (bpmn:Definitions) an element belongs to. */
function definitionsOf(element: ModdleElement): ModdleElement | null {
  let current: ModdleElement | undefined = element;
  while (current?.$parent) current = current.$parent;
  return current && isA(current, "bpmn:Definitions") ? current : null;
}

function nameOf(root: ModdleElement): string {
  return String(root.get("name") || root.get("id") || "");
}

function roots(definitions: ModdleElement | null, type: string): ModdleElement[] {
  return ((definitions?.get("rootElements") ?? []) as ModdleElement[]).filter((root) => isA(root, type));
}

/** The name of the message or signal the element waits for or sends ("" for none). */
export function readEventName(element: ModdleElement): string {
  const found = reference(element);
  const target: ModdleElement | undefined = found?.holder.get(found.property);
  return target ? nameOf(target) : "";
}

/** The names of the diagram's messages (or signals), to choose from, in the diagram's order. */
export function knownNames(element: ModdleElement, kind: EventKind): string[] {
  const type = kind === "message" ? "bpmn:Message" : "bpmn:Signal";
  return [...new Set(roots(definitionsOf(element), type).map(nameOf).filter(Boolean))];
}

/** Every element of the diagram's tree, each once, following containment only (not references). */
function contents(root: ModdleElement): ModdleElement[] {
  const found: ModdleElement[] = [];
  const seen = new Set<ModdleElement>();
  const visit = (element: ModdleElement) => {
    if (seen.has(element)) return;
    seen.add(element);
    found.push(element);
    for (const property of element.$descriptor?.properties ?? []) {
      if (property.isReference) continue;
      const value = element[property.name];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === "object" && typeof child.$type === "string") visit(child);
      }
    }
  };
  visit(root);
  return found;
}

/** How many references the diagram holds to `target` (message flows and retrieval expressions count). */
function referencesTo(definitions: ModdleElement, target: ModdleElement): number {
  let count = 0;
  for (const element of contents(definitions)) {
    for (const property of element.$descriptor?.properties ?? []) {
      if (!property.isReference) continue;
      const value = element[property.name];
      count += (Array.isArray(value) ? value : [value]).filter((item) => item === target).length;
    }
  }
  return count;
}

/** An id for a new message or signal, readable and unused in the diagram. */
function newId(definitions: ModdleElement, type: string, name: string): string {
  const taken = new Set(contents(definitions).map((element) => element.id));
  const base = `${type === "bpmn:Message" ? "Message" : "Signal"}_${name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "1"}`;
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}_${n}`;
  return id;
}

/**
 * Makes the element wait for or send the message (or signal) called `name` ("" for none); see
 * the module's docstring. The diagram must be whole (its bpmn:Definitions reachable).
 */
export function planEventName(element: ModdleElement, name: string, factory: ModdleFactory): Change[] {
  const found = reference(element);
  const definitions = found ? definitionsOf(element) : null;
  if (!found || !definitions) return [];
  const { holder, property, type } = found;
  const current: ModdleElement | undefined = holder.get(property);
  const wanted = name.trim();
  const existing = roots(definitions, type).find((root) => nameOf(root) === wanted);
  const soleUser = !!current && referencesTo(definitions, current) <= 1;
  const all = definitions.get("rootElements") as ModdleElement[];
  const dropCurrent = (): Change[] =>
    soleUser ? [{ target: definitions, properties: { rootElements: all.filter((root) => root !== current) } }] : [];
  if (!wanted) return current ? [{ target: holder, properties: { [property]: undefined } }, ...dropCurrent()] : [];
  if (existing) return existing === current ? [] : [{ target: holder, properties: { [property]: existing } }, ...dropCurrent()];
  if (current && soleUser) return [{ target: current, properties: { name: wanted } }];
  const created = factory.create(type, { id: newId(definitions, type, wanted), name: wanted });
  created.$parent = definitions;
  return [
    { target: definitions, properties: { rootElements: [...all, created] } },
    { target: holder, properties: { [property]: created } },
  ];
}

/** The record field the element correlates on ("" for none: the message's name alone). */
export function readCorrelationField(element: ModdleElement): string {
  const correlation = extensionValues(element).find((value) => isA(value, CORRELATION));
  return correlation?.get("field") ?? "";
}

/** Correlates the element on the record field `field` ("" for none); other extensions stay. */
export function planCorrelationField(element: ModdleElement, field: string, factory: ModdleFactory): Change[] {
  const others = extensionValues(element).filter((value) => !isA(value, CORRELATION));
  const chosen = field.trim() ? [factory.create(CORRELATION, { field: field.trim() })] : [];
  return planExtensionValues(element, [...others, ...chosen], factory);
}
