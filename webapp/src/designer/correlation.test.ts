import { BpmnModdle } from "bpmn-moddle";
import { describe, expect, it } from "vitest";
import { loomModdle } from "./loomDescriptor";

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://loom.dev/test">
  <bpmn:message id="m_paid" name="payment received" />
  <bpmn:process id="p" isExecutable="true">
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:extensionElements>
        <loom:correlation field="order_id" />
      </bpmn:extensionElements>
      <bpmn:messageEventDefinition messageRef="m_paid" />
    </bpmn:intermediateCatchEvent>
  </bpmn:process>
</bpmn:definitions>`;

describe("loom:correlation", () => {
  it("is read from a message catch and written back unchanged", async () => {
    const moddle = new BpmnModdle({ loom: loomModdle });
    const { rootElement, warnings } = await moddle.fromXML(xml);
    expect(warnings).toEqual([]);
    const process = (rootElement as any).get("rootElements")[1];
    const [wait] = process.get("flowElements");
    const [correlation] = wait.extensionElements.values;
    expect(correlation.$type).toBe("loom:Correlation");
    expect(correlation.field).toBe("order_id");
    const written = (await moddle.toXML(rootElement, { format: true })).xml;
    expect(written).toContain('<loom:correlation field="order_id" />');
  });
});
