/**
 * The BPMN extensions the designer reads and writes: Loom's own, and Camunda 7's (`camunda:`)
 * and Camunda 8's (`zeebe:`), so that a diagram made in Camunda Modeler keeps its assignees,
 * candidate groups, forms and the rest through open → save. The engine reads the parts that
 * mean something in Loom (engine/flows/camunda.py); without these descriptors bpmn-js would keep
 * only what it can hold as untyped attributes.
 *
 * Camunda's two descriptors were not made to be loaded together (Camunda Modeler picks one per
 * diagram): both give BPMN elements a `modelerTemplate` and a `modelerTemplateVersion`, and
 * bpmn-moddle refuses the second definition, which fails every import. Loom's designer shows
 * diagrams of both kinds in one modeler, so Zeebe's copies of the two are left out: on a Camunda 8
 * diagram, `zeebe:modelerTemplate` and `zeebe:modelerTemplateVersion` are then kept as untyped
 * attributes, which bpmn-moddle writes back as they were read (its "unknown attribute" warnings
 * about them say nothing to people: `importWarnings` leaves them out).
 */
import camundaDescriptor from "camunda-bpmn-moddle/resources/camunda.json";
import zeebeDescriptor from "zeebe-bpmn-moddle/resources/zeebe.json";
import { loomModdle } from "./loomDescriptor";

interface Descriptor {
  types: { name: string; extends?: string[]; properties?: { name: string }[] }[];
}

/** Zeebe's descriptor without the properties Camunda's gives the same elements under the same name. */
function withoutClashes(zeebe: Descriptor, camunda: Descriptor): Descriptor {
  const taken = new Map<string, Set<string>>();
  for (const type of camunda.types) {
    for (const base of type.extends ?? []) {
      const names = taken.get(base) ?? new Set<string>();
      for (const property of type.properties ?? []) names.add(property.name);
      taken.set(base, names);
    }
  }
  const types = zeebe.types.map((type) => {
    if (!type.extends) return type;
    const clashes = (name: string) => type.extends!.some((base) => taken.get(base)?.has(name));
    return { ...type, properties: (type.properties ?? []).filter((property) => !clashes(property.name)) };
  });
  return { ...zeebe, types };
}

const KEPT_AS_THEY_ARE = new Set(["zeebe:modelerTemplate", "zeebe:modelerTemplateVersion"]);

/** An import's warnings, without those about the attributes above (kept, though untyped). */
export function importWarnings(messages: string[]): string[] {
  return messages.filter((message) => {
    const unknown = /^unknown attribute <([^>]+)>$/.exec(message);
    return !(unknown && KEPT_AS_THEY_ARE.has(unknown[1]));
  });
}

/** The packages, as bpmn-js (`moddleExtensions`) and bpmn-moddle take them. */
export const moddleExtensions: Record<string, Record<string, unknown>> = {
  loom: loomModdle,
  camunda: camundaDescriptor,
  zeebe: withoutClashes(zeebeDescriptor as Descriptor, camundaDescriptor as Descriptor) as unknown as Record<string, unknown>,
};
