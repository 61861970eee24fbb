import { describe, expect, it } from "vitest";
import deliveryXml from "../../../bpmn/examples/delivery.bpmn?raw";
import stepsXml from "../../../bpmn/examples/steps.bpmn?raw";
import { bpmnlint, LINT_RULES } from "./lintConfig";
import { lintDiagram as lint } from "./testDiagram";

/** "loom/x" → the plug-in package and rule, as bpmnlint names them. */
function split(name: string): [pkg: string, rule: string] {
  const slash = name.indexOf("/");
  return slash < 0 ? ["bpmnlint", name] : [`bpmnlint-plugin-${name.slice(0, slash)}`, name.slice(slash + 1)];
}

const withConditional = deliveryXml.replace(
  '<bpmn:startEvent id="created" name="Delivery created">',
  '<bpmn:startEvent id="created" name="Delivery created"><bpmn:conditionalEventDefinition id="when" />',
);

describe("the drawing checks", () => {
  it("resolves every configured rule to a rule with a check", () => {
    for (const name of Object.keys(LINT_RULES)) {
      const [pkg, rule] = split(name);
      const factory = bpmnlint.resolver.resolveRule(pkg, rule);
      expect(typeof factory, name).toBe("function");
      expect(typeof factory({}).check, name).toMatch(/function|object/);
    }
  });

  it("finds nothing wrong with the Delivery template", async () => {
    expect(await lint(deliveryXml)).toEqual({});
  });

  it("finds nothing wrong with a flow the steps editor made (states, buttons, a condition, a timer)", async () => {
    expect(stepsXml).toContain("<loom:steps>");
    expect(stepsXml).toContain("timerEventDefinition");
    expect(await lint(stepsXml)).toEqual({});
  });

  it("checks the same shape in full once it is no flow made from steps", async () => {
    const drawn = stepsXml.replace(/<loom:steps>.*?<\/loom:steps>/s, "");
    expect(drawn).not.toContain("<loom:steps>");
    const issues = await lint(drawn);
    expect(issues["no-gateway-join-fork"]).toEqual([expect.objectContaining({ id: "route", category: "error" })]);
    expect(issues["superfluous-gateway"]).toEqual([expect.objectContaining({ id: "s_in_progress-split", category: "warn" })]);
    expect(issues["superfluous-termination"]).toEqual([expect.objectContaining({ id: "t_cancel-in_progress-end" })]);
  });

  it("flags what the engine cannot run on the element, in plain words", async () => {
    const issues = await lint(withConditional);
    expect(issues["loom/supported-elements"]).toEqual([
      expect.objectContaining({ id: "created", category: "error", message: expect.stringContaining("conditional events") }),
    ]);
  });

  it("lets a timer start an event sub-process and a cycle repeat, but not a timer start the flow", async () => {
    const timer = '<bpmn:timerEventDefinition id="every"><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>';
    const inSubprocess = deliveryXml.replace(
      "</bpmn:process>",
      `<bpmn:subProcess id="reminders" triggeredByEvent="true"><bpmn:startEvent id="remind" isInterrupting="false">${timer}</bpmn:startEvent></bpmn:subProcess></bpmn:process>`,
    );
    expect((await lint(inSubprocess))["loom/supported-elements"]).toBeUndefined();
    const atStart = deliveryXml.replace(
      '<bpmn:startEvent id="created" name="Delivery created">',
      `<bpmn:startEvent id="created" name="Delivery created">${timer}`,
    );
    expect((await lint(atStart))["loom/supported-elements"]).toEqual([expect.objectContaining({ id: "created", category: "error" })]);
  });

  it("warns about a user task without a label and a script task without a script", async () => {
    const xml = deliveryXml
      .replace('<bpmn:userTask id="delivered" name="Delivered">', '<bpmn:userTask id="delivered">')
      .replace('<loom:transition label="Delivered" role="editor" />', "")
      .replace(/<bpmn:script>status = "DELIVERED"\s*delivered_at = now\(\)<\/bpmn:script>/, "");
    const issues = await lint(xml);
    expect(issues["loom/transition-label"]).toEqual([expect.objectContaining({ id: "delivered", category: "warn" })]);
    expect(issues["loom/script-body"]).toEqual([expect.objectContaining({ id: "mark_delivered", category: "warn" })]);
  });
});
