import { TextInput, type TextInputProps } from "@mantine/core";
import type { useLocalText } from "./useLocalText";

export interface LocalTextInputProps extends Omit<TextInputProps, "value" | "onChange" | "type" | "onBlur"> {
  /** The typed text and what it means, from useLocalText. */
  field: ReturnType<typeof useLocalText>;
}

/** The text input of a date, time or number shown the interface language's way: no autofill, no spelling marks. */
export function LocalTextInput({ field, ...rest }: LocalTextInputProps) {
  return (
    <TextInput
      {...rest}
      autoComplete="off"
      spellCheck={false}
      value={field.text}
      onChange={(event) => field.onChange(event.currentTarget.value)}
      onBlur={field.onBlur}
    />
  );
}
