/** BPMN files read as the designer's tests need them: with Loom's extensions, and checked like the drawing. */
import Linter from "bpmnlint/lib/linter";
import { BpmnModdle } from "bpmn-moddle";
import { bpmnlint } from "./lintConfig";
import { loomModdle } from "./loomDescriptor";
import type { ModdleElement, ModdleFactory } from "./loomModel";

/** The file's definitions and its process, the factory that makes new elements, and the file as saved now. */
export async function readDiagram(xml: string) {
  const moddle = new BpmnModdle({ loom: loomModdle });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const definitions = rootElement as unknown as ModdleElement;
  const process = (definitions.get("rootElements") as ModdleElement[]).find((root) => root.$type === "bpmn:Process")!;
  const factory = moddle as unknown as ModdleFactory;
  const xmlOf = async () => (await moddle.toXML(definitions, { format: true })).xml;
  return { moddle, definitions, process, factory, xmlOf, warnings };
}

/** What the drawing checks report about the file, by rule. */
export async function lintDiagram(xml: string) {
  const moddle = new BpmnModdle({ loom: loomModdle });
  const { rootElement } = await moddle.fromXML(xml);
  return new Linter(bpmnlint).lint(rootElement);
}
