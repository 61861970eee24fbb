import { BpmnModdle } from "bpmn-moddle";
import { describe, expect, it } from "vitest";
import { loomModdle } from "../loomDescriptor";
import type { ModdleElement } from "../loomModel";
import { planDecision, readDecision } from "./decisionChoice";

const diagram = (task: string, namespaces = "") => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ${namespaces} id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="routing" isExecutable="true">${task}</bpmn:process>
</bpmn:definitions>`;

async function load(xml: string) {
  const moddle = new BpmnModdle({ loom: loomModdle });
  const { rootElement } = await moddle.fromXML(xml);
  const definitions = rootElement as unknown as ModdleElement;
  const task = definitions.rootElements[0].flowElements[0] as ModdleElement;
  const apply = (changes: ReturnType<typeof planDecision>) =>
    changes.forEach(({ target, properties }) => Object.entries(properties).forEach(([name, value]) => target.set(name, value)));
  const xmlOf = async () => (await moddle.toXML(definitions as any, { format: true })).xml;
  return { task, apply, xmlOf };
}

describe("the decision a business-rule task uses", () => {
  it("is chosen as camunda:decisionRef, which the file keeps and reads back", async () => {
    const { task, apply, xmlOf } = await load(diagram('<bpmn:businessRuleTask id="choose_route" name="Choose route"/>'));
    expect(readDecision(task)).toBe("");
    apply(planDecision(task, "route"));
    const xml = await xmlOf();
    expect(xml).toContain('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"');
    expect(xml).toContain('camunda:decisionRef="route"');
    const again = await load(xml);
    expect(readDecision(again.task)).toBe("route");

    apply(planDecision(again.task, ""));
    expect(await again.xmlOf()).not.toContain("decisionRef");
  });

  it("reads what Camunda 8 and SpiffWorkflow write", async () => {
    const zeebe = await load(
      diagram(
        '<bpmn:businessRuleTask id="t"><bpmn:extensionElements><zeebe:calledDecision decisionId="lanes" resultVariable="lane"/></bpmn:extensionElements></bpmn:businessRuleTask>',
        'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
      ),
    );
    expect(readDecision(zeebe.task)).toBe("lanes");
    const spiff = await load(
      diagram(
        '<bpmn:businessRuleTask id="t"><bpmn:extensionElements><spiffworkflow:calledDecisionId>route</spiffworkflow:calledDecisionId></bpmn:extensionElements></bpmn:businessRuleTask>',
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"',
      ),
    );
    expect(readDecision(spiff.task)).toBe("route");
  });
});
