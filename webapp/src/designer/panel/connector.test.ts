import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import {
  connectorSettings,
  pairs,
  planConnectorKind,
  planEmail,
  planHttp,
  readConnectorKind,
  readEmail,
  readHttp,
} from "../connectorModel";
import { applyChanges, type ModdleElement } from "../loomModel";
import { lintDiagram, readDiagram } from "../testDiagram";

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://loom.dev/test">
  <bpmn:process id="p" isExecutable="true" loom:blueprint="order">
    <bpmn:serviceTask id="call" name="Book the carrier" />
  </bpmn:process>
</bpmn:definitions>`;

async function load(source = xml) {
  const { process, factory, xmlOf } = await readDiagram(source);
  const task = (process.get("flowElements") as ModdleElement[])[0];
  return { task, factory, xmlOf };
}

// The entries of the panel's group (panel/LoomPropertiesProvider.ts shows "kind", then these).
const entryIds = (task: ModdleElement) => ["kind", ...connectorSettings(readConnectorKind(task))];

describe("a service task's connector group", () => {
  it("first asks what the step sends, in plain words", async () => {
    await i18n.changeLanguage("en");
    const { task } = await load();
    expect(i18n.t("flows.panel.connector.group")).toBe("What this step sends");
    expect(entryIds(task)).toEqual(["kind"]);
    expect(i18n.t("flows.panel.connector.http")).toBe("Send an HTTP request");
    expect(i18n.t("flows.panel.connector.email")).toBe("Send an email");
  });

  it("shows the request's settings, and writes the XML the engine reads", async () => {
    const { task, factory, xmlOf } = await load();
    applyChanges(planConnectorKind(task, "http", factory));
    expect(entryIds(task)).toEqual(["kind", "method", "url", "headers", "body", "responses"]);
    applyChanges(
      planHttp(
        task,
        {
          method: "PUT",
          url: " https://carrier.example/orders/{order_no} ",
          headers: "X-Shop: north\nno separator\n",
          body: '{"order": "{order_no}"}',
          responses: "tracking_no = shipment.id",
        },
        factory,
      ),
    );
    const written = await xmlOf();
    expect(written).toContain('<loom:http method="PUT" url="https://carrier.example/orders/{order_no}">');
    expect(written).toContain('<loom:header name="X-Shop" value="north" />');
    expect(written).toContain("<loom:body>{\"order\": \"{order_no}\"}</loom:body>");
    expect(written).toContain('<loom:response field="tracking_no" path="shipment.id" />');

    const again = await load(written);
    expect(readConnectorKind(again.task)).toBe("http");
    expect(readHttp(again.task)).toEqual({
      method: "PUT",
      url: "https://carrier.example/orders/{order_no}",
      headers: "X-Shop: north",
      body: '{"order": "{order_no}"}',
      responses: "tracking_no = shipment.id",
    });
  });

  it("switches to an email, keeping nothing of the request", async () => {
    const { task, factory, xmlOf } = await load();
    applyChanges(planConnectorKind(task, "http", factory));
    applyChanges(planConnectorKind(task, "email", factory));
    expect(entryIds(task)).toEqual(["kind", "to", "subject", "text"]);
    applyChanges(planEmail(task, { to: "{email}", subject: "Order {order_no}", text: "Dear customer,\nit is on its way." }));
    const written = await xmlOf();
    expect(written).not.toContain("loom:http");
    expect(written).toContain('<loom:email to="{email}" subject="Order {order_no}">Dear customer,\nit is on its way.</loom:email>');
    expect(readEmail((await load(written)).task)).toEqual({ to: "{email}", subject: "Order {order_no}", text: "Dear customer,\nit is on its way." });

    applyChanges(planConnectorKind(task, "", factory));
    expect(readConnectorKind(task)).toBe("");
    expect(await xmlOf()).not.toContain("extensionElements");
  });

  it("reads header and answer lines, leaving out lines it cannot read", () => {
    expect(pairs("A: b: c\n: x\nnothing\n  Key :  v  ", ":")).toEqual([
      ["A", "b: c"],
      ["Key", "v"],
    ]);
  });

  it("has German words too", async () => {
    await i18n.changeLanguage("de");
    expect(i18n.t("flows.panel.connector.http")).toBe("HTTP-Anfrage senden");
    expect(i18n.t("flowCanvas.palette.serviceTask")).toBe("Anfrage oder E-Mail senden");
    await i18n.changeLanguage("en");
  });
});

describe("the drawing check of a service task", () => {
  async function issues(source: string) {
    const found = await lintDiagram(source);
    return found["loom/connector-chosen"] ?? [];
  }

  it("flags one that does not say what it sends, and is content once it does", async () => {
    await i18n.changeLanguage("en");
    expect(await issues(xml)).toEqual([
      expect.objectContaining({ id: "call", category: "error", message: expect.stringContaining("Send an HTTP request") }),
    ]);
    const { task, factory, xmlOf } = await load();
    applyChanges(planConnectorKind(task, "email", factory));
    expect(await issues(await xmlOf())).toEqual([]);
  });
});
