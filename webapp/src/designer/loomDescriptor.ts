/**
 * Loom's BPMN extensions (`loom:` namespace), read from the one descriptor the
 * designer and the engine share: bpmn/loom.json at the top of the repository.
 */
import descriptor from "../../../bpmn/loom.json";

export const LOOM_NAMESPACE = descriptor.uri;

/** The moddle package, as bpmn-js (`moddleExtensions.loom`) and bpmn-moddle take it. */
export const loomModdle: Record<string, unknown> = descriptor;
