/**
 * "Form fields" of a user task: which of the blueprint's columns the person
 * fills in when pressing the button, and in which order. Ticking a column adds
 * it at the end; the order list moves fields up and down.
 */
import { createElement as h } from "@bpmn-io/properties-panel/preact";
import type { LoomColumn } from "../loomContext";
import { planFields, readFieldKeys } from "../loomModel";
import { usePanel } from "./usePanel";

interface EntryProps {
  id: string;
  element: { businessObject: any };
}

function move(keys: string[], index: number, by: -1 | 1): string[] {
  const next = [...keys];
  const [key] = next.splice(index, 1);
  next.splice(index + by, 0, key);
  return next;
}

export function FormFieldsEntry({ id, element }: EntryProps) {
  const { context, factory, change } = usePanel(element);
  const task = element.businessObject;
  const keys = readFieldKeys(task);
  const write = (next: string[]) => change(planFields(task, next, factory));
  const t = context.t;
  const headingId = `bio-properties-panel-${id}-label`;
  const helpId = `bio-properties-panel-${id}-description`;
  const orderId = `bio-properties-panel-${id}-order`;
  const known = new Map(context.columns.map((column) => [column.key, column]));
  // Fields whose column is gone from the blueprint stay listed, so they can be taken off.
  const columns: LoomColumn[] = [
    ...context.columns,
    ...keys.filter((key) => !known.has(key)).map((key) => ({ key, label: t("flows.panel.missingColumn", { key }) })),
  ];
  const labelOf = (key: string) => known.get(key)?.label ?? key;

  const toggle = (key: string, checked: boolean) => write(checked ? [...keys, key] : keys.filter((other) => other !== key));

  return h(
    "div",
    { class: "bio-properties-panel-entry loom-form-fields", "data-entry-id": id },
    h(
      "div",
      { role: "group", "aria-labelledby": headingId, "aria-describedby": helpId },
      h("div", { id: headingId, class: "bio-properties-panel-label" }, t("flows.panel.formFields")),
      h("div", { id: helpId, class: "bio-properties-panel-description" }, columns.length ? t("flows.panel.formFieldsHelp") : t("flows.panel.noColumns")),
      columns.length > 0 &&
        h(
          "ul",
          { class: "loom-checklist" },
          columns.map((column) => {
            const inputId = `bio-properties-panel-${id}-${column.key}`;
            return h(
              "li",
              { key: column.key },
              h("input", {
                type: "checkbox",
                id: inputId,
                checked: keys.includes(column.key),
                onChange: (event: Event) => toggle(column.key, (event.target as HTMLInputElement).checked),
              }),
              h("label", { for: inputId }, column.label, " ", h("code", null, column.key)),
            );
          }),
        ),
    ),
    keys.length > 1 &&
      h(
        "div",
        { class: "loom-field-order" },
        h("div", { id: orderId, class: "bio-properties-panel-label" }, t("flows.panel.fieldOrder")),
        h(
          "ol",
          { "aria-labelledby": orderId },
          keys.map((key, index) =>
            h(
              "li",
              { key },
              h("span", null, labelOf(key)),
              h(
                "button",
                {
                  type: "button",
                  class: "loom-order-button",
                  "aria-label": t("flows.panel.moveUp", { name: labelOf(key) }),
                  title: t("flows.panel.moveUp", { name: labelOf(key) }),
                  disabled: index === 0,
                  onClick: () => write(move(keys, index, -1)),
                },
                "↑",
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "loom-order-button",
                  "aria-label": t("flows.panel.moveDown", { name: labelOf(key) }),
                  title: t("flows.panel.moveDown", { name: labelOf(key) }),
                  disabled: index === keys.length - 1,
                  onClick: () => write(move(keys, index, 1)),
                },
                "↓",
              ),
            ),
          ),
        ),
      ),
  );
}
