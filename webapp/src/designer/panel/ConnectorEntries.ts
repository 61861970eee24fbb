/** The "Connector" group of a service task: what it sends (an HTTP request or an email) and its settings. */
import { SelectEntry, TextAreaEntry, TextFieldEntry } from "@bpmn-io/properties-panel";
import { useService } from "bpmn-js-properties-panel";
import {
  METHODS,
  planConnectorKind,
  planEmail,
  planHttp,
  readConnectorKind,
  readEmail,
  readHttp,
  type ConnectorKind,
  type EmailConnector,
  type HttpConnector,
} from "../connectorModel";
import { usePanel } from "./usePanel";

interface EntryProps {
  id: string;
  element: { businessObject: any };
}

function useConnector(element: EntryProps["element"]) {
  const { t, factory, change } = usePanel(element);
  const debounce = useService("debounceInput");
  const task = element.businessObject;
  return {
    t,
    debounce,
    kind: () => readConnectorKind(task),
    setKind: (kind: ConnectorKind) => change(planConnectorKind(task, kind, factory)),
    http: () => readHttp(task),
    email: () => readEmail(task),
    writeHttp: (changes: Partial<HttpConnector>) => change(planHttp(task, changes, factory)),
    writeEmail: (changes: Partial<EmailConnector>) => change(planEmail(task, changes)),
  };
}

type Connector = ReturnType<typeof useConnector>;

/** A choice among a few settings, labelled by flows.panel.connector.<key>. */
function selectEntry(key: string, read: (c: Connector) => string, write: (c: Connector, v: string) => void, options: (c: Connector) => { value: string; label: string }[]) {
  return function Entry({ id, element }: EntryProps) {
    const connector = useConnector(element);
    return SelectEntry({
      id,
      element,
      label: connector.t(`flows.panel.connector.${key}`),
      getValue: () => read(connector),
      setValue: (value: string) => write(connector, value),
      getOptions: () => options(connector),
    });
  };
}

export const ConnectorKindEntry = selectEntry(
  "kind",
  (c) => c.kind(),
  (c, v) => c.setKind(v as ConnectorKind),
  (c) => [
    { value: "", label: c.t("flows.panel.connector.none") },
    { value: "http", label: c.t("flows.panel.connector.http") },
    { value: "email", label: c.t("flows.panel.connector.email") },
  ],
);

export const MethodEntry = selectEntry(
  "method",
  (c) => c.http().method,
  (c, v) => c.writeHttp({ method: v }),
  () => METHODS.map((method) => ({ value: method, label: method })),
);

/** A text setting of the request or the email. */
function textEntry(key: string, read: (c: Connector) => string, write: (c: Connector, v: string) => void, rows = 0) {
  return function Entry({ id, element }: EntryProps) {
    const connector = useConnector(element);
    const props = {
      id,
      element,
      label: connector.t(`flows.panel.connector.${key}`),
      description: connector.t(`flows.panel.connector.${key}Help`),
      getValue: () => read(connector),
      setValue: (value: string | undefined) => write(connector, value ?? ""),
      debounce: connector.debounce,
    };
    return rows ? TextAreaEntry({ ...props, rows }) : TextFieldEntry(props);
  };
}

export const UrlEntry = textEntry("url", (c) => c.http().url, (c, v) => c.writeHttp({ url: v }));
export const HeadersEntry = textEntry("headers", (c) => c.http().headers, (c, v) => c.writeHttp({ headers: v }), 3);
export const BodyEntry = textEntry("body", (c) => c.http().body, (c, v) => c.writeHttp({ body: v }), 4);
export const ResponsesEntry = textEntry("responses", (c) => c.http().responses, (c, v) => c.writeHttp({ responses: v }), 3);
export const ToEntry = textEntry("to", (c) => c.email().to, (c, v) => c.writeEmail({ to: v }));
export const SubjectEntry = textEntry("subject", (c) => c.email().subject, (c, v) => c.writeEmail({ subject: v }));
export const EmailTextEntry = textEntry("text", (c) => c.email().text, (c, v) => c.writeEmail({ text: v }), 5);
