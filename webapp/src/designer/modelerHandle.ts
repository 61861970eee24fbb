/** What the flow designer page can ask of the modeler; tests hand the page a fake one. */
export interface ModelerHandle {
  /** Shows a diagram; throws when the XML is not BPMN bpmn-js can read. */
  importXml(xml: string): Promise<{ warnings: string[] }>;
  exportXml(): Promise<string>;
  /** Selects the element and brings it into view; false when there is no such element. */
  select(elementId: string): boolean;
  /** Marks the elements problems point at (and unmarks the others). */
  highlight(elementIds: string[]): void;
  /** The element's name as drawn, or null (unknown element, or no name). */
  elementName(elementId: string): string | null;
  /** Re-reads the context (blueprint columns, language) into the properties panel. */
  refreshPanel(): void;
}

export interface LintCounts {
  errors: number;
  warnings: number;
}
