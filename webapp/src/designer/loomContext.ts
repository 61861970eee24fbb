/**
 * What the properties panel knows about the world outside the diagram: the
 * blueprint the flow is bound to, its columns, and the interface's words.
 * The React page fills it in; the panel reads it through the `loomContext` service.
 */
export interface LoomColumn {
  key: string;
  label: string;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface LoomContext {
  blueprint: { key: string; name: string } | null;
  /** The bound blueprint's columns (of its published version), in order. */
  columns: LoomColumn[];
  t: Translate;
  /** The panel shows IDs and the Executable switch ("Show technical details"). */
  showTechnical?: boolean;
  /** The flow's decision tables, which a business-rule task may use. */
  decisions?: { id: string; name: string }[];
}

/** A diagram-js module giving the panel one shared, mutable context object. */
export function loomContextModule(context: LoomContext) {
  return { loomContext: ["value", context] };
}
