/**
 * Importing a diagram with several pools (a collaboration from Camunda Modeler, Signavio, bpmn.io):
 * each pool that runs becomes a flow of its own, for the blueprint chosen for it.
 */
import { api } from "./client";
import type { Flow, FlowProblem } from "./flows";

export interface DiagramPool {
  /** The pool's process id. */
  process: string;
  name: string;
  /** The blueprint the diagram names for it, if any. */
  blueprint: string | null;
}

export interface DiagramPools {
  pools: DiagramPool[];
  /** Message flows between pools that cannot become messages (their ends cannot send or receive). */
  warnings: FlowProblem[];
}

export interface PoolChoice {
  process: string;
  blueprint: string;
  name?: string;
}

const imports = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/flow-imports`;

export function listDiagramPools(slug: string, xml: string): Promise<DiagramPools> {
  return api.post(`${imports(slug)}/pools`, { xml });
}

export function importPools(slug: string, xml: string, pools: PoolChoice[]): Promise<{ flows: Flow[] }> {
  return api.post(imports(slug), { xml, pools });
}
