import { BpmnModdle } from "bpmn-moddle";
import { describe, expect, it } from "vitest";
import deliveryXml from "../../../bpmn/examples/delivery.bpmn?raw";
import type { ModdleElement } from "./loomModel";
import { importWarnings, moddleExtensions } from "./moddleExtensions";

/** The layout Camunda Modeler writes for a process drawn left to right on one line: events 36 wide, tasks 100. */
function diagram(processId: string, shapes: [id: string, x: number, kind: "event" | "task"][], flows: [id: string, from: string, to: string][]) {
  const size = { event: { y: 99, width: 36, height: 36 }, task: { y: 77, width: 100, height: 80 } };
  const xs = new Map(shapes.map(([id, x, kind]) => [id, { left: x, right: x + size[kind].width }]));
  const shapeXml = shapes.map(([id, x, kind]) => {
    const { y, width, height } = size[kind];
    return `      <bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}">
        <dc:Bounds x="${x}" y="${y}" width="${width}" height="${height}" />
      </bpmndi:BPMNShape>`;
  });
  const edgeXml = flows.map(
    ([id, from, to]) => `      <bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">
        <di:waypoint x="${xs.get(from)!.right}" y="117" />
        <di:waypoint x="${xs.get(to)!.left}" y="117" />
      </bpmndi:BPMNEdge>`,
  );
  return `  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
${[...shapeXml, ...edgeXml].join("\n")}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>`;
}

// As Camunda Modeler 5 writes them (shortened to the parts that matter; the layout as diagram() writes it).
const camunda7 = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_0x7k2mf" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.17.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.20.0">
  <bpmn:process id="order_approval" name="Order approval" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="StartEvent_1" camunda:initiator="starter">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Activity_review" name="Review order" camunda:assignee="\${reviewer}" camunda:candidateGroups="admin,owner" camunda:dueDate="P2D">
      <bpmn:extensionElements>
        <camunda:formData>
          <camunda:formField id="amount" label="Amount" type="long">
            <camunda:validation>
              <camunda:constraint name="min" config="0" />
            </camunda:validation>
          </camunda:formField>
          <camunda:formField id="approved" label="Approved" type="boolean" defaultValue="false" />
        </camunda:formData>
        <camunda:taskListener class="org.example.Notify" event="create" />
        <camunda:inputOutput>
          <camunda:inputParameter name="limit">1000</camunda:inputParameter>
        </camunda:inputOutput>
        <camunda:properties>
          <camunda:property name="colour" value="green" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="Event_done">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_review" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_review" targetRef="Event_done">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${amount &gt; 1000 &amp;&amp; approved}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
${diagram(
  "order_approval",
  [
    ["StartEvent_1", 179, "event"],
    ["Activity_review", 270, "task"],
    ["Event_done", 432, "event"],
  ],
  [
    ["Flow_1", "StartEvent_1", "Activity_review"],
    ["Flow_2", "Activity_review", "Event_done"],
  ],
)}
</bpmn:definitions>`;

const zeebe = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1rq3s5d" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.17.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.3.0">
  <bpmn:process id="delivery" name="Delivery" isExecutable="true">
    <bpmn:extensionElements>
      <zeebe:userTaskForm id="UserTaskForm_pack">{"components":[{"type":"number","key":"weight","label":"Weight"}],"type":"default","id":"Form_pack","schemaVersion":12}</zeebe:userTaskForm>
    </bpmn:extensionElements>
    <bpmn:startEvent id="StartEvent_1">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Activity_pack" name="Pack parcel">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="=driver" candidateGroups="editor" />
        <zeebe:formDefinition formKey="camunda-forms:bpmn:UserTaskForm_pack" />
        <zeebe:ioMapping>
          <zeebe:input source="=order.weight" target="weight" />
          <zeebe:output source="=weight" target="packedWeight" />
        </zeebe:ioMapping>
        <zeebe:taskHeaders>
          <zeebe:header key="priority" value="high" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:serviceTask id="Activity_label" name="Print label" zeebe:modelerTemplate="io.camunda.connectors.HttpJson.v2" zeebe:modelerTemplateVersion="5" zeebe:modelerTemplateIcon="data:image/svg+xml;utf8,x">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="print-label" retries="5" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_2</bpmn:incoming>
      <bpmn:outgoing>Flow_3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="Event_sent">
      <bpmn:incoming>Flow_3</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_pack" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_pack" targetRef="Activity_label" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Activity_label" targetRef="Event_sent" />
  </bpmn:process>
${diagram(
  "delivery",
  [
    ["StartEvent_1", 179, "event"],
    ["Activity_pack", 270, "task"],
    ["Activity_label", 420, "task"],
    ["Event_sent", 572, "event"],
  ],
  [
    ["Flow_1", "StartEvent_1", "Activity_pack"],
    ["Flow_2", "Activity_pack", "Activity_label"],
    ["Flow_3", "Activity_label", "Event_sent"],
  ],
)}
</bpmn:definitions>`;

/** Import then save, as the designer does (bpmn-js's importXML and saveXML go through bpmn-moddle). */
async function roundTrip(xml: string) {
  const moddle = new BpmnModdle(moddleExtensions);
  const { rootElement, warnings: found } = await moddle.fromXML(xml);
  const warnings = importWarnings(found.map((warning) => String((warning as { message?: string }).message ?? warning)));
  const definitions = rootElement as unknown as ModdleElement;
  const saved = (await moddle.toXML(definitions, { format: true })).xml;
  const again = (await moddle.fromXML(saved)).rootElement as unknown as ModdleElement;
  const process = (again.get("rootElements") as ModdleElement[])[0];
  const byId = (id: string) => (process.get("flowElements") as ModdleElement[]).find((element) => element.id === id)!;
  const extensions = (element: ModdleElement) =>
    ((element.get("extensionElements") as ModdleElement | undefined)?.get("values") ?? []) as ModdleElement[];
  return { warnings, saved, process, byId, extensions };
}

describe("Camunda Modeler's extensions", () => {
  it("keep a Camunda 7 diagram's attributes and elements, typed, through open and save", async () => {
    const { warnings, saved, process, byId, extensions } = await roundTrip(camunda7);
    expect(warnings).toEqual([]);
    expect(process.get("camunda:historyTimeToLive")).toBe("180");
    const review = byId("Activity_review");
    expect(review.get("camunda:assignee")).toBe("${reviewer}");
    expect(review.get("camunda:candidateGroups")).toBe("admin,owner");
    expect(review.get("camunda:dueDate")).toBe("P2D");
    expect(byId("StartEvent_1").get("camunda:initiator")).toBe("starter");
    expect(extensions(review).map((e) => e.$type)).toEqual([
      "camunda:FormData",
      "camunda:TaskListener",
      "camunda:InputOutput",
      "camunda:Properties",
    ]);
    const fields = extensions(review)[0].get("fields") as ModdleElement[];
    expect(fields.map((f) => [f.id, f.get("type"), f.get("label")])).toEqual([
      ["amount", "long", "Amount"],
      ["approved", "boolean", "Approved"],
    ]);
    for (const part of [
      '<camunda:constraint name="min" config="0" />',
      '<camunda:inputParameter name="limit">1000</camunda:inputParameter>',
      '<camunda:property name="colour" value="green" />',
      '<camunda:taskListener class="org.example.Notify" event="create" />',
      "${amount &gt; 1000 &amp;&amp; approved}",
      'modeler:executionPlatform="Camunda Platform"',
    ]) {
      expect(saved).toContain(part);
    }
  });

  it("keep a Camunda 8 (Zeebe) diagram's attributes and elements, typed, through open and save", async () => {
    const { warnings, saved, process, byId, extensions } = await roundTrip(zeebe);
    expect(warnings).toEqual([]);
    const [form] = extensions(process);
    expect(form.$type).toBe("zeebe:UserTaskForm");
    expect(JSON.parse(form.get("body") as string).components[0].key).toBe("weight");
    const pack = byId("Activity_pack");
    expect(extensions(pack).map((e) => e.$type)).toEqual([
      "zeebe:AssignmentDefinition",
      "zeebe:FormDefinition",
      "zeebe:IoMapping",
      "zeebe:TaskHeaders",
    ]);
    const [assignment, formDefinition] = extensions(pack);
    expect([assignment.get("assignee"), assignment.get("candidateGroups")]).toEqual(["=driver", "editor"]);
    expect(formDefinition.get("formKey")).toBe("camunda-forms:bpmn:UserTaskForm_pack");
    const [task] = extensions(byId("Activity_label"));
    expect([task.$type, task.get("type"), task.get("retries")]).toEqual(["zeebe:TaskDefinition", "print-label", "5"]);
    for (const part of [
      '<zeebe:input source="=order.weight" target="weight" />',
      '<zeebe:output source="=weight" target="packedWeight" />',
      '<zeebe:header key="priority" value="high" />',
      'zeebe:modelerTemplate="io.camunda.connectors.HttpJson.v2" zeebe:modelerTemplateVersion="5"',
      'zeebe:modelerTemplateIcon="data:image/svg+xml;utf8,x"',
      'modeler:executionPlatform="Camunda Cloud"',
    ]) {
      expect(saved).toContain(part);
    }
  });

  it("warn about what is really unknown, and only that", () => {
    expect(
      importWarnings([
        "unknown attribute <zeebe:modelerTemplate>",
        "unknown attribute <zeebe:modelerTemplateVersion>",
        "unknown attribute <zeebe:somethingNew>",
        "unparsable content <bpmn:process> detected",
      ]),
    ).toEqual(["unknown attribute <zeebe:somethingNew>", "unparsable content <bpmn:process> detected"]);
  });

  it("leave Loom's own diagrams as they were", async () => {
    const { warnings, saved } = await roundTrip(deliveryXml);
    expect(warnings).toEqual([]);
    expect(saved).toContain('loom:blueprint="delivery"');
    expect(saved).toContain('<loom:transition label="Delivery started" role="editor"');
    expect(saved).not.toContain("camunda:");
    expect(saved).not.toContain("zeebe:");
  });
});
