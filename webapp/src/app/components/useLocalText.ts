import { useState } from "react";
import { useTranslation } from "react-i18next";

interface LocalTextOptions {
  /** The value behind the input: "" when empty, else its machine form (or what was typed, when unreadable). */
  value: string;
  onChange: (value: string) => void;
  /** The machine form of typed text; "" for empty; null when it cannot be read. */
  parse: (text: string, language: string) => string | null;
  /** The machine form as the language writes it; anything else unchanged. */
  format: (value: string, language: string) => string;
}

/**
 * The text of an input that shows a machine value in the interface language's way. It reports
 * the machine form while what is typed can be read and the typed text itself while it cannot
 * (so checks further on refuse it); on leaving the input the text is written out in the
 * language's way, or, when it cannot be read, marked invalid until the next keystroke.
 */
export function useLocalText({ value, onChange, parse, format }: LocalTextOptions) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const [text, setText] = useState(() => format(value, language));
  const [left, setLeft] = useState(false);
  const [seen, setSeen] = useState({ value, language });
  if (seen.value !== value || seen.language !== language) {
    setSeen({ value, language });
    if (seen.language !== language || parse(text, language) !== value) setText(format(value, language));
  }
  const parsed = parse(text, language);
  return {
    language,
    text,
    parsed,
    invalid: left && parsed === null,
    onChange: (next: string) => {
      setText(next);
      setLeft(false);
      const machine = parse(next, language);
      onChange(machine ?? next);
    },
    onBlur: () => {
      setLeft(true);
      if (parsed) setText(format(parsed, language));
    },
  };
}
