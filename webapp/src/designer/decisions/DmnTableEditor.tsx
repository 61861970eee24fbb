/**
 * dmn-js's decision table editor, in a chunk of its own: the page loads it
 * (and its styles) only when someone opens a table. The parent gets a way to
 * read the edited document through `onReady`.
 */
import "dmn-js/dist/assets/diagram-js.css";
import "dmn-js/dist/assets/dmn-js-shared.css";
import "dmn-js/dist/assets/dmn-js-decision-table.css";
import "dmn-js/dist/assets/dmn-js-decision-table-controls.css";
import "dmn-js/dist/assets/dmn-font/css/dmn-embedded.css";
import DmnModeler, { type DmnView } from "dmn-js/lib/Modeler";
import { useEffect, useRef } from "react";

/** dmn-js opens a document at its requirements diagram; Loom's documents hold one table, so at that. */
class TableModeler extends DmnModeler {
  protected override _getInitialView(views: DmnView[], ...rest: unknown[]): DmnView | undefined {
    return views.find((view) => view.type === "decisionTable") ?? super._getInitialView(views, ...rest);
  }
}

export interface DmnTableEditorProps {
  xml: string;
  label: string;
  /** Called once the table shows, with a function that returns the edited DMN document. */
  onReady: (read: () => Promise<string>) => void;
  onLoadError: (message: string) => void;
}

export default function DmnTableEditor({ xml, label, onReady, onLoadError }: DmnTableEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const modeler = new TableModeler({ container: container.current });
    let live = true;
    void (async () => {
      try {
        await modeler.importXML(xml);
        if (live) onReady(async () => (await modeler.saveXML({ format: true })).xml);
      } catch (error) {
        if (live) onLoadError(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      live = false;
      modeler.destroy();
    };
  }, [xml]);
  return <div ref={container} role="region" aria-label={label} style={{ minHeight: 360, overflow: "auto" }} />;
}
