import { createElement as h } from "@bpmn-io/properties-panel/preact";
import { useService } from "bpmn-js-properties-panel";
import type { LoomContext } from "../loomContext";

/** "Show technical details" / "Hide technical details": IDs and the Executable switch, rarely needed. */
export function TechnicalToggle(props: { id: string }) {
  const context = useService<LoomContext>("loomContext");
  const eventBus = useService<{ fire(event: string): void }>("eventBus");
  const shown = !!context.showTechnical;
  return h(
    "div",
    { class: "bio-properties-panel-entry", "data-entry-id": props.id },
    h(
      "button",
      {
        type: "button",
        class: "loom-technical-toggle",
        "aria-expanded": shown ? "true" : "false",
        title: context.t("flowCanvas.technical.help"),
        onClick: () => {
          context.showTechnical = !shown;
          eventBus.fire("propertiesPanel.providersChanged");
        },
      },
      context.t(shown ? "flowCanvas.technical.hide" : "flowCanvas.technical.show"),
    ),
  );
}
