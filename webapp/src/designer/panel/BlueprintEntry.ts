import { createElement as h } from "@bpmn-io/properties-panel/preact";
import { useService } from "bpmn-js-properties-panel";
import type { LoomContext } from "../loomContext";
import { boundBlueprint } from "../loomModel";

/** The blueprint a flow is bound to, read-only: the flow's records are of that blueprint. */
export function BlueprintEntry(props: { id: string; element: { businessObject: any } }) {
  const context = useService<LoomContext>("loomContext");
  const process = props.element.businessObject.processRef ?? props.element.businessObject;
  const key = boundBlueprint(process);
  const name = context.blueprint && context.blueprint.key === key ? context.blueprint.name : null;
  const inputId = `bio-properties-panel-${props.id}`;
  return h(
    "div",
    { class: "bio-properties-panel-entry", "data-entry-id": props.id },
    h(
      "div",
      { class: "bio-properties-panel-textfield" },
      h("label", { for: inputId, class: "bio-properties-panel-label" }, context.t("flows.panel.blueprint")),
      h("input", {
        id: inputId,
        class: "bio-properties-panel-input loom-readonly",
        readOnly: true,
        value: name ? `${name} (${key})` : key || context.t("flows.panel.noBlueprint"),
        "aria-describedby": `${inputId}-description`,
      }),
    ),
    h("div", { id: `${inputId}-description`, class: "bio-properties-panel-description" }, context.t("flows.panel.blueprintHelp")),
  );
}
