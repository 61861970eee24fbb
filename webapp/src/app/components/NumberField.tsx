import type { TextInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumberText, parseNumberText } from "../localInput";
import { LocalTextInput } from "./LocalTextInput";
import { useLocalText } from "./useLocalText";

export interface NumberFieldProps extends Omit<TextInputProps, "value" | "onChange" | "type" | "onBlur"> {
  /** The exact decimal string ("1234.5"), or "" when empty (what was typed while it cannot be read). */
  value: string;
  onChange: (value: string) => void;
  /** Only whole numbers. */
  whole?: boolean;
}

/**
 * A number typed and shown with the interface language's marks ("1.234,5" in German, "1,234.5"
 * in English). The value stays an exact decimal string: no digit is lost to a JavaScript number.
 */
export function NumberField({ value, onChange, whole = false, error, ...rest }: NumberFieldProps) {
  const { t } = useTranslation();
  const parse = (text: string, language: string) => parseNumberText(text, language, whole);
  const field = useLocalText({ value, onChange, parse, format: formatNumberText });
  const example = formatNumberText(whole ? "1234" : "1234.5", field.language);
  const problem = field.invalid ? t(whole ? "inputs.wholeNumberFormat" : "inputs.numberFormat", { example }) : null;
  return <LocalTextInput {...rest} field={field} inputMode={whole ? "numeric" : "decimal"} error={problem ?? error} />;
}
