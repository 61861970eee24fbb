import { describe, expect, it } from "vitest";
import deliveryXml from "../../../bpmn/examples/delivery.bpmn?raw";
import {
  applyChanges,
  bindDefinitions,
  boundBlueprint,
  planBlueprint,
  planCondition,
  planFields,
  planScript,
  planTransition,
  readCondition,
  readFieldKeys,
  readScript,
  readTransition,
  takesCondition,
  type ModdleElement,
} from "./loomModel";
import { readDiagram } from "./testDiagram";


const gatewayXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://loom.dev/test">
  <bpmn:process id="p" isExecutable="true" loom:blueprint="stock_item">
    <bpmn:startEvent id="start" />
    <bpmn:exclusiveGateway id="gate" />
    <bpmn:task id="work" />
    <bpmn:sequenceFlow id="in" sourceRef="start" targetRef="gate" />
    <bpmn:sequenceFlow id="out" sourceRef="gate" targetRef="work" />
  </bpmn:process>
</bpmn:definitions>`;

async function load(xml: string) {
  const { moddle, definitions, process, factory, xmlOf } = await readDiagram(xml);
  const byId = (id: string) => (process.get("flowElements") as ModdleElement[]).find((element) => element.id === id)!;
  return { moddle, definitions, process, byId, factory, xmlOf };
}

describe("Loom extensions on BPMN elements", () => {
  it("reads the delivery template: bound blueprint, transitions, scripts", async () => {
    const { process, byId } = await load(deliveryXml);
    expect(boundBlueprint(process)).toBe("delivery");
    expect(readTransition(byId("delivery_started"))).toEqual({ label: "Delivery started", role: "editor", member: "" });
    expect(readFieldKeys(byId("delivery_started"))).toEqual([]);
    expect(readScript(byId("mark_started"))).toBe('status = "IN_PROGRESS"\nstarted_at = now()');
  });

  it("writes a transition's label, role and fields, in order, and they survive the XML", async () => {
    const { moddle, byId, factory, xmlOf } = await load(deliveryXml);
    const task = byId("delivered");
    applyChanges(planTransition(task, { label: "Mark delivered", role: "", member: "ann@example.com" }, factory));
    applyChanges(planFields(task, ["delivered_at", "cargo", "delivered_at"], factory));
    const xml = await xmlOf();
    expect(xml).toContain('<loom:transition label="Mark delivered" member="ann@example.com" />');
    expect(xml).toMatch(/<loom:field key="delivered_at" \/>\s*<loom:field key="cargo" \/>/);

    const { rootElement } = await moddle.fromXML(xml);
    const again = (rootElement.get("rootElements")[0].get("flowElements") as ModdleElement[]).find((element) => element.id === "delivered")!;
    expect(readTransition(again)).toEqual({ label: "Mark delivered", role: "", member: "ann@example.com" });
    expect(readFieldKeys(again)).toEqual(["delivered_at", "cargo"]);

    applyChanges(planFields(task, [], factory));
    expect(readFieldKeys(task)).toEqual([]);
    expect(readTransition(task).label).toBe("Mark delivered");
  });

  it("creates the transition and the extension elements on a bare user task", async () => {
    const { process, factory, xmlOf } = await load(deliveryXml);
    const task = factory.create("bpmn:UserTask", { id: "check", name: "Check" });
    task.$parent = process;
    process.get("flowElements").push(task);
    applyChanges(planFields(task, ["qty"], factory));
    applyChanges(planTransition(task, { label: "Checked", role: "admin" }, factory));
    const xml = await xmlOf();
    expect(xml).toMatch(
      /<bpmn:userTask id="check" name="Check">\s*<bpmn:extensionElements>\s*<loom:transition label="Checked" role="admin" \/>\s*<loom:field key="qty" \/>/,
    );
    expect(readTransition(task)).toEqual({ label: "Checked", role: "admin", member: "" });
  });

  it("binds a diagram from another modeler and marks it executable", async () => {
    const { definitions, xmlOf } = await load(deliveryXml.replace('isExecutable="true"', 'isExecutable="false"').replace(' loom:blueprint="delivery"', ""));
    bindDefinitions(definitions, "parcel");
    const xml = await xmlOf();
    expect(xml).toContain('isExecutable="true"');
    expect(xml).toContain('loom:blueprint="parcel"');
  });

  it("sets the script body in Python and the bound blueprint", async () => {
    const { process, byId, xmlOf } = await load(deliveryXml);
    applyChanges(planScript(byId("mark_started"), 'status = "IN_PROGRESS"\nqty = qty - 1'));
    applyChanges(planBlueprint(process, "parcel"));
    const xml = await xmlOf();
    expect(xml).toContain('loom:blueprint="parcel"');
    expect(xml).toMatch(/<bpmn:scriptTask id="mark_started" name="Mark in progress" scriptFormat="python">/);
    expect(xml).toContain("qty = qty - 1</bpmn:script>");
  });

  it("adds, changes and removes a condition on a flow out of an exclusive gateway", async () => {
    const { byId, factory, xmlOf } = await load(gatewayXml);
    expect(takesCondition(byId("out"))).toBe(true);
    expect(takesCondition(byId("in"))).toBe(false);
    applyChanges(planCondition(byId("out"), " qty > 0 ", factory));
    expect(readCondition(byId("out"))).toBe("qty > 0");
    expect(await xmlOf()).toMatch(/<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">qty &gt; 0<\/bpmn:conditionExpression>/);
    applyChanges(planCondition(byId("out"), "qty >= 10", factory));
    expect(readCondition(byId("out"))).toBe("qty >= 10");
    applyChanges(planCondition(byId("out"), "", factory));
    expect(await xmlOf()).not.toContain("conditionExpression");
  });
});

describe("a diagram generated from steps", () => {
  it("keeps its steps table and basis through the diagram editor's model, so it reopens as steps", async () => {
    const table = '{"version":1,"state":"status","transitions":[]}';
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://loom.dev/test">
  <bpmn:process id="p" isExecutable="true" loom:blueprint="delivery">
    <bpmn:extensionElements><loom:steps><![CDATA[${table}]]></loom:steps><loom:basis><![CDATA[{"a":"<b>"}]]></loom:basis></bpmn:extensionElements>
    <bpmn:startEvent id="start" />
  </bpmn:process>
</bpmn:definitions>`;
    const { xmlOf } = await load(xml);
    const saved = await xmlOf();
    const { process } = await load(saved);
    const kept = (process.get("extensionElements") as ModdleElement).get("values") as ModdleElement[];
    expect(kept.map((element) => [element.$type, element.get("body")])).toEqual([
      ["loom:Steps", table],
      ["loom:Basis", '{"a":"<b>"}'],
    ]);
  });
});
