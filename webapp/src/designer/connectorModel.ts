/**
 * A service task's connector (Loom's extension, bpmn/loom.json), as pure read and plan functions
 * like loomModel.ts:
 *
 * - `<loom:http method url>` with `<loom:header name value/>`, `<loom:body>` and
 *   `<loom:response field path/>`: "Send an HTTP request", the answer's values into fields;
 * - `<loom:email to subject>text</loom:email>`: "Send an email".
 *
 * `{field}` in the texts stands for the record's value of that field (engine/flows/connector_task.py).
 * The panel edits headers and response mappings as lines of text: "Name: value" and "field = path".
 */
import { extensionValues, isA, planExtensionValues, type Change, type ModdleElement, type ModdleFactory } from "./loomModel";

export const HTTP = "loom:Http";
export const EMAIL = "loom:Email";
export const METHODS = ["POST", "PUT", "PATCH", "GET", "DELETE"] as const;

export type ConnectorKind = "" | "http" | "email";

export interface HttpConnector {
  method: string;
  url: string;
  /** One "Name: value" per line. */
  headers: string;
  body: string;
  /** One "field = path" per line. */
  responses: string;
}

export interface EmailConnector {
  to: string;
  subject: string;
  text: string;
}

/** The settings the panel shows for a kind of connector, in order (panel/ConnectorEntries.ts). */
export function connectorSettings(kind: ConnectorKind): string[] {
  if (kind === "http") return ["method", "url", "headers", "body", "responses"];
  if (kind === "email") return ["to", "subject", "text"];
  return [];
}

function connectorElement(task: ModdleElement): ModdleElement | undefined {
  return extensionValues(task).find((value) => isA(value, HTTP) || isA(value, EMAIL));
}

export function readConnectorKind(task: ModdleElement): ConnectorKind {
  const element = connectorElement(task);
  if (!element) return "";
  return isA(element, HTTP) ? "http" : "email";
}

export function readHttp(task: ModdleElement): HttpConnector {
  const element = connectorElement(task);
  const http = element && isA(element, HTTP) ? element : undefined;
  const headers: ModdleElement[] = http?.get("headers") ?? [];
  const responses: ModdleElement[] = http?.get("responses") ?? [];
  return {
    method: http?.get("method") ?? "POST",
    url: http?.get("url") ?? "",
    headers: headers.map((h) => `${h.get("name") ?? ""}: ${h.get("value") ?? ""}`).join("\n"),
    body: http?.get("body")?.get("text") ?? "",
    responses: responses.map((r) => `${r.get("field") ?? ""} = ${r.get("path") ?? ""}`).join("\n"),
  };
}

export function readEmail(task: ModdleElement): EmailConnector {
  const element = connectorElement(task);
  const email = element && isA(element, EMAIL) ? element : undefined;
  return { to: email?.get("to") ?? "", subject: email?.get("subject") ?? "", text: email?.get("text") ?? "" };
}

/** Lines of "left<sep>right" as pairs; lines without the separator or a left side are left out. */
export function pairs(text: string, separator: string): [string, string][] {
  return text
    .split("\n")
    .map((line) => {
      const at = line.indexOf(separator);
      return at < 0 ? null : ([line.slice(0, at).trim(), line.slice(at + separator.length).trim()] as [string, string]);
    })
    .filter((pair): pair is [string, string] => !!pair && !!pair[0]);
}

/** Makes the task send nothing, an HTTP request or an email; other extensions stay. */
export function planConnectorKind(task: ModdleElement, kind: ConnectorKind, factory: ModdleFactory): Change[] {
  if (readConnectorKind(task) === kind) return [];
  const others = extensionValues(task).filter((value) => !isA(value, HTTP) && !isA(value, EMAIL));
  const created =
    kind === "http" ? [factory.create(HTTP, { method: "POST" })] : kind === "email" ? [factory.create(EMAIL, {})] : [];
  return planExtensionValues(task, [...others, ...created], factory);
}

/** Changes the HTTP request's settings; the task must send one (planConnectorKind). */
export function planHttp(task: ModdleElement, changes: Partial<HttpConnector>, factory: ModdleFactory): Change[] {
  const http = connectorElement(task);
  if (!http || !isA(http, HTTP)) return [];
  const properties: Record<string, unknown> = {};
  if (changes.method !== undefined) properties.method = changes.method || "POST";
  if (changes.url !== undefined) properties.url = changes.url.trim() || undefined;
  if (changes.headers !== undefined) {
    properties.headers = pairs(changes.headers, ":").map(([name, value]) => owned(factory.create("loom:Header", { name, value }), http));
  }
  if (changes.responses !== undefined) {
    properties.responses = pairs(changes.responses, "=").map(([field, path]) => owned(factory.create("loom:Response", { field, path }), http));
  }
  if (changes.body !== undefined) {
    properties.body = changes.body.trim() ? owned(factory.create("loom:Body", { text: changes.body }), http) : undefined;
  }
  return [{ target: http, properties }];
}

/** Changes the email's address, subject or text; the task must send one (planConnectorKind). */
export function planEmail(task: ModdleElement, changes: Partial<EmailConnector>): Change[] {
  const email = connectorElement(task);
  if (!email || !isA(email, EMAIL)) return [];
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(changes)) properties[name] = value?.trim() ? value : undefined;
  return [{ target: email, properties }];
}

function owned(child: ModdleElement, parent: ModdleElement): ModdleElement {
  child.$parent = parent;
  return child;
}
