import Linter from "bpmnlint/lib/linter";
import { BpmnModdle } from "bpmn-moddle";
import { describe, expect, it } from "vitest";
import stepsXml from "../../../bpmn/examples/steps.bpmn?raw";
import { listConnections } from "./connections";
import { bpmnlint } from "./lintConfig";
import { loomModdle } from "./loomDescriptor";
import type { ModdleElement } from "./loomModel";

/** The same diagram as a file that leaves the nodes' lists of their flows out (BPMN allows it). */
const unlisted = stepsXml.replace(/\s*<bpmn:(incoming|outgoing)>[^<]*<\/bpmn:\1>/g, "");

async function read(xml: string) {
  const moddle = new BpmnModdle({ loom: loomModdle });
  const { rootElement } = await moddle.fromXML(xml);
  const definitions = rootElement as unknown as ModdleElement;
  const process = definitions.get("rootElements")[0] as ModdleElement;
  const byId = (id: string, within = process): ModdleElement | undefined => {
    for (const element of within.get("flowElements") as ModdleElement[]) {
      if (element.id === id) return element;
      if (element.$type === "bpmn:SubProcess") {
        const found = byId(id, element);
        if (found) return found;
      }
    }
    return undefined;
  };
  return { definitions, byId, lint: () => new Linter(bpmnlint).lint(rootElement) };
}

const ids = (flows: ModdleElement[]) => flows.map((flow) => flow.id).sort();

describe("listing each node's flows", () => {
  it("fills in the lists a file left out, inside sub-processes too, so the drawing check finds it connected", async () => {
    expect(unlisted).not.toContain("<bpmn:incoming>");
    const { definitions, byId, lint } = await read(unlisted);
    expect(Object.keys(await lint())).toEqual(expect.arrayContaining(["no-disconnected", "no-implicit-start", "no-implicit-end"]));
    listConnections(definitions);
    expect(await lint()).toEqual({});
    expect(ids(byId("route")!.get("incoming"))).toEqual(["f-init-route", "f-s_in_progress-route", "f-s_pending-route"]);
    expect(ids(byId("t_start-do")!.get("outgoing"))).toEqual(["f-t_start-do-t_start-end"]);
  });

  it("leaves lists a file has as they are", async () => {
    const { definitions, byId } = await read(stepsXml);
    const before = ids(byId("route")!.get("incoming"));
    listConnections(definitions);
    expect(ids(byId("route")!.get("incoming"))).toEqual(before);
    expect(before).toHaveLength(3);
  });
});
