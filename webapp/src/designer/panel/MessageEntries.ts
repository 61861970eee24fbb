/**
 * The "Message" (or "Signal") group of an element that waits for or sends one: the message's
 * name, chosen from the diagram's messages or typed new, and for a catch, the record field it
 * correlates on (messageModel.ts).
 */
import { SelectEntry } from "@bpmn-io/properties-panel";
import { createElement as h } from "@bpmn-io/properties-panel/preact";
import { knownNames, messageEvent, planCorrelationField, planEventName, readCorrelationField, readEventName, wordsFor } from "../messageModel";
import { usePanel } from "./usePanel";

interface EntryProps {
  id: string;
  element: { id: string; businessObject: any };
}

/**
 * A text field with the diagram's names as suggestions (a native combobox): pick one or type a
 * new name. What was typed is written when it is committed (Enter, leaving the field or picking
 * a suggestion), so a half-typed name never links to another message on the way.
 */
export function EventNameEntry({ id, element }: EntryProps) {
  const { context, factory, change } = usePanel(element);
  const bo = element.businessObject;
  const event = messageEvent(bo);
  if (!event) return null;
  const current = readEventName(bo);
  const inputId = `bio-properties-panel-${id}`;
  const listId = `${inputId}-names`;
  const helpId = `${inputId}-description`;
  const commit = (value: string) => {
    if (value.trim() !== current) change(planEventName(bo, value, factory));
  };
  return h(
    "div",
    { class: "bio-properties-panel-entry", "data-entry-id": id },
    h("label", { for: inputId, class: "bio-properties-panel-label" }, context.t(wordsFor(event, "name"))),
    h(
      "div",
      { class: "bio-properties-panel-field-wrapper" },
      h("input", {
        // A fresh input for another element or a name changed elsewhere (undo): never a stale one.
        key: `${element.id}:${current}`,
        id: inputId,
        type: "text",
        class: "bio-properties-panel-input",
        list: listId,
        autocomplete: "off",
        spellcheck: false,
        defaultValue: current,
        placeholder: context.t(`flows.panel.message.placeholder.${event.kind}`),
        "aria-describedby": helpId,
        onChange: (change: Event) => commit((change.target as HTMLInputElement).value),
      }),
      h(
        "datalist",
        { id: listId },
        knownNames(bo, event.kind).map((name) => h("option", { key: name, value: name })),
      ),
    ),
    h("div", { id: helpId, class: "bio-properties-panel-description" }, context.t(wordsFor(event, "nameHelp"))),
  );
}

/** Which record field must equal the message's value of the same name: a select of the blueprint's fields. */
export function CorrelationEntry({ id, element }: EntryProps) {
  const { context, t, factory, change } = usePanel(element);
  const bo = element.businessObject;
  return SelectEntry({
    id,
    element,
    label: t("flows.panel.message.correlation"),
    description: t("flows.panel.message.correlationHelp"),
    getValue: () => readCorrelationField(bo),
    setValue: (value: string) => change(planCorrelationField(bo, value, factory)),
    getOptions: () => {
      const current = readCorrelationField(bo);
      const options = [
        { value: "", label: t("flows.panel.message.correlationNone") },
        ...context.columns.map((column) => ({ value: column.key, label: t("flows.panel.message.correlationField", { label: column.label, key: column.key }) })),
      ];
      // A field gone from the blueprint stays visible, so the person sees what to fix.
      const known = context.columns.some((column) => column.key === current);
      return current && !known ? [...options, { value: current, label: t("flows.panel.missingColumn", { key: current }) }] : options;
    },
  });
}
