/**
 * The palette in plain words: each entry says what the shape does for a flow ("Step for a person",
 * "Automatic step (script)", "Send a request or email", "Decision", "Wait for a time", "End"), with a tooltip, and shapes Loom
 * rarely needs are behind "More shapes". bpmn-js's own entries are replaced (data objects, data
 * stores, pools and groups do nothing in a Loom flow and are left out).
 */
import type { Translate } from "./loomContext";

export interface PaletteItem {
  id: string;
  /** Key under flowCanvas.palette for the label; its tooltip is under `<key>Help`. */
  words: string;
  /** diagram-js shows groups in the order they first appear. */
  group: "tools" | "start" | "activity" | "gateway" | "wait" | "end" | "more";
  className: string;
  /** bpmn-js's entry whose action it keeps (tools, sub-process), or the shape it creates. */
  from?: string;
  creates?: { type: string; eventDefinitionType?: string };
  /** Shown only after "More shapes". */
  rare?: boolean;
}

export const PALETTE: readonly PaletteItem[] = [
  { id: "hand-tool", words: "hand", group: "tools", className: "bpmn-icon-hand-tool", from: "hand-tool" },
  { id: "lasso-tool", words: "lasso", group: "tools", className: "bpmn-icon-lasso-tool", from: "lasso-tool" },
  { id: "global-connect-tool", words: "connect", group: "tools", className: "bpmn-icon-connection-multi", from: "global-connect-tool" },
  { id: "space-tool", words: "space", group: "tools", className: "bpmn-icon-space-tool", from: "space-tool", rare: true },
  { id: "create.start-event", words: "start", group: "start", className: "bpmn-icon-start-event-none", creates: { type: "bpmn:StartEvent" } },
  { id: "create.user-task", words: "userTask", group: "activity", className: "bpmn-icon-user-task", creates: { type: "bpmn:UserTask" } },
  { id: "create.script-task", words: "scriptTask", group: "activity", className: "bpmn-icon-script-task", creates: { type: "bpmn:ScriptTask" } },
  { id: "create.service-task", words: "serviceTask", group: "activity", className: "bpmn-icon-service-task", creates: { type: "bpmn:ServiceTask" } },
  { id: "create.exclusive-gateway", words: "gateway", group: "gateway", className: "bpmn-icon-gateway-xor", creates: { type: "bpmn:ExclusiveGateway" } },
  {
    id: "create.timer-event",
    words: "timer",
    group: "wait",
    className: "bpmn-icon-intermediate-event-catch-timer",
    creates: { type: "bpmn:IntermediateCatchEvent", eventDefinitionType: "bpmn:TimerEventDefinition" },
  },
  { id: "create.end-event", words: "end", group: "end", className: "bpmn-icon-end-event-none", creates: { type: "bpmn:EndEvent" } },
  {
    id: "create.subprocess-expanded",
    words: "subProcess",
    group: "more",
    className: "bpmn-icon-subprocess-expanded",
    from: "create.subprocess-expanded",
    rare: true,
  },
];

export interface PaletteLine {
  id: string;
  label: string;
  tooltip: string;
  group: string;
  className: string;
  item?: PaletteItem;
}

/** The palette's entries, in order: the everyday ones, then the rare ones when ``showAll``, then the toggle. */
export function paletteLines(t: Translate, showAll: boolean): PaletteLine[] {
  const word = (key: string) => t(`flowCanvas.palette.${key}`);
  const lines: PaletteLine[] = PALETTE.filter((item) => showAll || !item.rare).map((item) => ({
    id: item.id,
    label: word(item.words),
    tooltip: word(`${item.words}Help`),
    group: item.group,
    className: item.className,
    item,
  }));
  const toggle = showAll ? "less" : "more";
  lines.push({ id: "loom-more", label: word(toggle), tooltip: word(`${toggle}Help`), group: "more", className: "loom-palette-more" });
  return lines;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

type AnyService = any;

/** Replaces bpmn-js's palette entries with ``paletteLines`` (it runs after bpmn-js's provider). */
class LoomPaletteProvider {
  static $inject = ["palette", "create", "elementFactory", "loomContext"];

  private showAll = false;

  constructor(
    private readonly palette: AnyService,
    private readonly create: AnyService,
    private readonly elementFactory: AnyService,
    private readonly loomContext: { t: Translate },
  ) {
    palette.registerProvider(500, this);
  }

  getPaletteEntries() {
    return (standard: Record<string, AnyService>) => {
      const entries: Record<string, AnyService> = {};
      for (const line of paletteLines(this.loomContext.t, this.showAll)) {
        const action = this.action(line, standard);
        if (!action) continue;
        // The title is the entry's accessible name and diagram-js's hover tooltip; the label shows beside the icon.
        entries[line.id] = {
          group: line.group,
          title: `${line.label}. ${line.tooltip}`,
          className: line.className,
          shortcut: line.item?.from ? standard[line.item.from]?.shortcut : undefined,
          html: `<div class="entry loom-palette-entry" draggable="true"><span class="loom-palette-label" aria-hidden="true">${escape(line.label)}</span></div>`,
          action,
        };
      }
      return entries;
    };
  }

  private action(line: PaletteLine, standard: Record<string, AnyService>) {
    if (!line.item) {
      return {
        click: () => {
          this.showAll = !this.showAll;
          this.palette._rebuild();
        },
      };
    }
    if (line.item.from) return standard[line.item.from]?.action ?? null;
    const creates = line.item.creates!;
    const start = (event: Event) => this.create.start(event, this.elementFactory.createShape({ ...creates }));
    return { dragstart: start, click: start };
  }
}

export const loomPaletteModule = {
  __init__: ["loomPaletteProvider"],
  loomPaletteProvider: ["type", LoomPaletteProvider],
};
