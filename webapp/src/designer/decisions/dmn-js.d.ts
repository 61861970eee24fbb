/** Types for dmn-js, which ships none; only what the decision table editor uses. */
declare module "dmn-js/lib/Modeler" {
  export interface DmnView {
    type: string;
    element: { id: string };
  }
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; common?: Record<string, unknown> });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    /** Which view an imported document opens in (dmn-js: its requirements diagram, when it has one). */
    protected _getInitialView(views: DmnView[], ...rest: unknown[]): DmnView | undefined;
    destroy(): void;
  }
}
