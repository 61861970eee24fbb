/**
 * A code text area for scripts and conditions that suggests the record's
 * fields and the sandbox's helpers under the word being typed. Arrow keys move
 * through the suggestions, Enter or Tab inserts one, Escape closes the list,
 * Ctrl+Space opens it on demand. The value is written after a short pause and
 * when the field loses focus.
 */
import { createElement as h } from "@bpmn-io/properties-panel/preact";
import { useEffect, useMemo, useRef, useState } from "@bpmn-io/properties-panel/preact/hooks";
import type { Translate } from "../loomContext";
import { applySuggestion, matchSuggestions, wordAt, type Suggestion } from "../suggestions";

interface Props {
  id: string;
  label: string;
  description: string;
  value: string;
  suggestions: Suggestion[];
  rows: number;
  placeholder?: string;
  onCommit: (value: string) => void;
  t: Translate;
  /** The diagram's event bus: what was typed is written before another element is selected. */
  eventBus: { on(event: string, priority: number, callback: () => void): void; off(event: string, callback: () => void): void };
}

const COMMIT_DELAY_MS = 400;

export function SuggestingTextArea({ id, label, description, value, suggestions, rows, placeholder, onCommit, t, eventBus }: Props) {
  const [text, setText] = useState(value);
  const [open, setOpen] = useState<{ items: Suggestion[]; active: number; start: number; end: number } | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const pending = useRef<string | null>(null);
  const inputId = `bio-properties-panel-${id}`;
  const listId = `${inputId}-suggestions`;
  const helpId = `${inputId}-description`;

  useEffect(() => {
    if (pending.current === null && value !== text) setText(value);
  }, [value]);

  const flush = () => {
    window.clearTimeout(timer.current);
    if (pending.current !== null) {
      const next = pending.current;
      pending.current = null;
      if (next !== value) onCommit(next);
    }
  };
  // What was typed is written before the selection moves on (ahead of the panel, which
  // listens at the default priority): written during the switch, it would pull the panel back.
  const latestFlush = useRef(flush);
  latestFlush.current = flush;
  useEffect(() => {
    const beforeSelection = () => {
      try {
        latestFlush.current();
      } catch {
        // Inside another command (an element being deleted): nothing left to write to.
      }
    };
    eventBus.on("selection.changed", 2000, beforeSelection);
    return () => {
      eventBus.off("selection.changed", beforeSelection);
      if (pending.current !== null) window.setTimeout(() => latestFlush.current(), 0);
    };
  }, []);

  const change = (next: string) => {
    setText(next);
    pending.current = next;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(flush, COMMIT_DELAY_MS);
  };

  const suggest = (next: string, caret: number, all = false) => {
    const word = wordAt(next, caret);
    const items = matchSuggestions(word.prefix, suggestions, all);
    setOpen(items.length ? { items, active: 0, start: word.start, end: word.end } : null);
  };

  const insert = (item: Suggestion) => {
    if (!open) return;
    const result = applySuggestion(text, open, item);
    change(result.text);
    setOpen(null);
    const input = ref.current;
    if (input) {
      input.value = result.text;
      input.focus();
      input.setSelectionRange(result.caret, result.caret);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === " " && event.ctrlKey) {
      event.preventDefault();
      const input = event.target as HTMLTextAreaElement;
      suggest(input.value, input.selectionStart ?? input.value.length, true);
      return;
    }
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const by = event.key === "ArrowDown" ? 1 : -1;
      setOpen({ ...open, active: (open.active + by + open.items.length) % open.items.length });
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      insert(open.items[open.active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setOpen(null);
    }
  };

  const onInput = (event: Event) => {
    const input = event.target as HTMLTextAreaElement;
    change(input.value);
    suggest(input.value, input.selectionStart ?? input.value.length);
  };

  const onBlur = (event: FocusEvent) => {
    setOpen(null);
    // A text area removed while focused blurs during the panel's switch; the selection
    // handler above has written already.
    if ((event.target as HTMLElement).isConnected) flush();
  };

  const activeId = open ? `${listId}-${open.active}` : undefined;
  const status = useMemo(() => (open ? t("flows.script.suggestionsOpen", { count: open.items.length }) : ""), [open, t]);

  return h(
    "div",
    { class: "bio-properties-panel-entry", "data-entry-id": id },
    h(
      "div",
      { class: "bio-properties-panel-textarea loom-code" },
      h("label", { for: inputId, class: "bio-properties-panel-label" }, label),
      h(
        "div",
        { class: "loom-code-container" },
        h("textarea", {
          ref,
          id: inputId,
          name: id,
          class: "bio-properties-panel-input bio-properties-panel-input-monospace",
          rows,
          spellCheck: false,
          autoComplete: "off",
          placeholder,
          value: text,
          "aria-describedby": helpId,
          "aria-autocomplete": "list",
          "aria-controls": listId,
          "aria-expanded": open ? "true" : "false",
          "aria-activedescendant": activeId,
          onInput,
          onKeyDown,
          onBlur,
          "data-gramm": "false",
        }),
        h(
          "ul",
          { id: listId, role: "listbox", class: "loom-suggestions", "aria-label": t("flows.script.suggestions"), hidden: !open },
          (open?.items ?? []).map((item, index) =>
            h(
              "li",
              {
                key: `${item.kind}-${item.label}`,
                id: `${listId}-${index}`,
                role: "option",
                "aria-selected": index === open?.active ? "true" : "false",
                class: index === open?.active ? "active" : "",
                // Keep the focus in the text area: mousedown would blur it first.
                onMouseDown: (event: MouseEvent) => {
                  event.preventDefault();
                  insert(item);
                },
              },
              h("code", null, item.label),
              h("span", { class: "loom-suggestion-hint" }, item.hint),
            ),
          ),
        ),
      ),
      h("div", { class: "loom-visually-hidden", role: "status", "aria-live": "polite" }, status),
    ),
    h("div", { id: helpId, class: "bio-properties-panel-description" }, description),
  );
}
