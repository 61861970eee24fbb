/**
 * The BPMN modeler (bpmn-js) with its properties panel, Loom's properties
 * provider and the drawing checks (bpmnlint), as a React component. The
 * page talks to it through the handle given to `onReady`.
 */
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import "bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css";
import "@bpmn-io/properties-panel/dist/assets/properties-panel.css";
import "bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css";
import "./designer.css";
import Modeler from "bpmn-js/lib/Modeler";
import LintModule from "bpmn-js-bpmnlint";
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from "bpmn-js-properties-panel";
import { useEffect, useLayoutEffect, useRef, type RefObject } from "react";
import { listConnections } from "./connections";
import { bpmnlint } from "./lintConfig";
import { loomContextModule, type LoomContext } from "./loomContext";
import { importWarnings, moddleExtensions } from "./moddleExtensions";
import { bindDefinitions, type ModdleElement } from "./loomModel";
import type { LintCounts, ModelerHandle } from "./modelerHandle";
import { loomPaletteModule } from "./palette";
import { LOOM_GROUPS, LoomPropertiesProviderModule } from "./panel/LoomPropertiesProvider";
import { freePlacementModule } from "./placement";
import { designerHeight } from "./viewport";
import { translateModule } from "./translate";

export interface FlowModelerProps {
  /** The diagram to show first. */
  xml: string;
  /** The blueprint the flow is bound to, its columns, the words: read by the panel. */
  context: LoomContext;
  onReady: (handle: ModelerHandle) => void;
  /** Something changed in the diagram (drawn, edited, undone). */
  onChange: () => void;
  onLint: (counts: LintCounts) => void;
  /** The first diagram could not be shown. */
  onLoadError: (message: string) => void;
  canvasLabel: string;
  panelLabel: string;
}

type AnyService = any;

function createModeler(canvas: HTMLElement, panel: HTMLElement, context: LoomContext) {
  return new Modeler({
    container: canvas,
    keyboard: { bind: true },
    propertiesPanel: {
      parent: panel,
      layout: { groups: Object.fromEntries(["general", "timer", ...LOOM_GROUPS].map((id) => [id, { open: true }])) },
    },
    linting: { active: true, bpmnlint },
    additionalModules: [
      translateModule,
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      LintModule,
      loomContextModule(context),
      LoomPropertiesProviderModule,
      loomPaletteModule,
      freePlacementModule,
    ],
    moddleExtensions,
  });
}

/** Makes every process of the diagram point at the flow's blueprint (an imported file may not). */
function bindProcesses(modeler: Modeler, blueprintKey: string | undefined) {
  if (blueprintKey) bindDefinitions(modeler.getDefinitions() as unknown as ModdleElement, blueprintKey);
}

/** Room the palette (with its labels) takes on the left of the canvas, in screen pixels. */
const PALETTE_WIDTH = 200;
const MARGIN = 24;

/** Shows the whole diagram, at most at full size, to the right of the palette. */
function fitBesidePalette(canvas: AnyService) {
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !outer.width) return;
  const scale = Math.min(1, (outer.width - PALETTE_WIDTH - 2 * MARGIN) / inner.width, (outer.height - 2 * MARGIN) / inner.height);
  if (!(scale > 0)) return;
  canvas.viewbox({
    x: inner.x - (PALETTE_WIDTH + MARGIN) / scale,
    y: inner.y - (outer.height / scale - inner.height) / 2,
    width: outer.width / scale,
    height: outer.height / scale,
  });
}

function handleFor(modeler: Modeler, context: LoomContext): ModelerHandle {
  const get = (name: string): AnyService => modeler.get(name);
  let marked: string[] = [];
  return {
    async importXml(xml: string) {
      const result = await modeler.importXML(xml);
      bindProcesses(modeler, context.blueprint?.key);
      // The panel showed the diagram before it was bound: show it again.
      get("eventBus").fire("propertiesPanel.providersChanged");
      fitBesidePalette(get("canvas"));
      return { warnings: importWarnings(result.warnings.map((warning: AnyService) => String(warning.message ?? warning))) };
    },
    async exportXml() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml ?? "";
    },
    select(elementId: string) {
      const element = get("elementRegistry").get(elementId);
      if (!element) return false;
      get("selection").select(element);
      if (element.waypoints || element.parent) get("canvas").scrollToElement(element);
      return true;
    },
    highlight(elementIds: string[]) {
      const canvas = get("canvas");
      const registry = get("elementRegistry");
      for (const id of marked) if (registry.get(id)) canvas.removeMarker(id, "loom-problem");
      marked = elementIds.filter((id) => registry.get(id));
      for (const id of marked) canvas.addMarker(id, "loom-problem");
    },
    elementName(elementId: string) {
      const element = get("elementRegistry").get(elementId);
      return element?.businessObject?.name || null;
    },
    refreshPanel() {
      get("eventBus").fire("propertiesPanel.providersChanged");
    },
  };
}

/** Sizes the designer to the window below where it starts (see ``designerHeight``), now and on every resize. */
function useViewportHeight(frame: RefObject<HTMLDivElement | null>, onResized: () => void) {
  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const header = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--app-shell-header-height")) || 60;
    let last = "";
    const fit = () => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      const height = `${designerHeight(window.innerHeight, top, header)}px`;
      if (height === last) return;
      last = height;
      element.style.setProperty("--loom-designer-height", height);
      onResized();
    };
    fit();
    window.addEventListener("resize", fit);
    // Messages above the designer come and go and move it down or up.
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(fit);
    observer?.observe(document.body);
    return () => {
      window.removeEventListener("resize", fit);
      observer?.disconnect();
    };
  }, []);
}

export function FlowModeler({ xml, context, onReady, onChange, onLint, onLoadError, canvasLabel, panelLabel }: FlowModelerProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  useViewportHeight(frameRef, () => (modelerRef.current?.get("canvas") as AnyService | undefined)?.resized());
  // The first props are enough: later diagrams come in through the handle.
  const initial = useRef({ xml, context, onReady, onChange, onLint, onLoadError });
  initial.current = { ...initial.current, onChange, onLint, onLoadError, onReady };

  useEffect(() => {
    const modeler = createModeler(canvasRef.current!, panelRef.current!, initial.current.context);
    modelerRef.current = modeler;
    const eventBus = modeler.get("eventBus") as AnyService;
    // Before the diagram is drawn and checked (see connections.ts).
    eventBus.on("import.parse.complete", ({ definitions }: { definitions?: ModdleElement }) => {
      if (definitions) listConnections(definitions);
    });
    eventBus.on("commandStack.changed", () => initial.current.onChange());
    eventBus.on("linting.completed", (event: { issues: Record<string, { category: string }[]> }) => {
      const all = Object.values(event.issues).flat();
      initial.current.onLint({
        errors: all.filter((issue) => issue.category === "error").length,
        warnings: all.filter((issue) => issue.category === "warn").length,
      });
    });
    const handle = handleFor(modeler, initial.current.context);
    let alive = true;
    handle.importXml(initial.current.xml).then(
      () => alive && initial.current.onReady(handle),
      (error: unknown) => {
        if (!alive) return;
        initial.current.onLoadError(error instanceof Error ? error.message : String(error));
        initial.current.onReady(handle);
      },
    );
    return () => {
      alive = false;
      modelerRef.current = null;
      modeler.destroy();
    };
  }, []);

  const fit = () => {
    const canvas = modelerRef.current?.get("canvas") as AnyService | undefined;
    if (canvas) fitBesidePalette(canvas);
  };

  return (
    <div ref={frameRef} className="loom-designer">
      <div className="loom-canvas-frame">
        <div ref={canvasRef} className="loom-canvas" role="region" aria-label={canvasLabel} />
        <button type="button" className="loom-fit" onClick={fit}>
          {initial.current.context.t("flowCanvas.fit")}
        </button>
      </div>
      <div ref={panelRef} className="loom-properties" role="region" aria-label={panelLabel} />
    </div>
  );
}
