import type { TextInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateText, formatDateTimeText, parseDateText, parseDateTimeText } from "../localInput";
import { utcToZonedInput, zonedInputToIso } from "../timezone";
import { LocalTextInput } from "./LocalTextInput";
import { useLocalText } from "./useLocalText";

export interface DateInputProps extends Omit<TextInputProps, "value" | "onChange" | "type" | "onBlur"> {
  /** "YYYY-MM-DD", or "" when empty (what was typed while it cannot be read). */
  value: string;
  onChange: (value: string) => void;
}

const EXAMPLE = "2026-12-31T17:30";

/** True for a whole date "YYYY-MM-DD", the value a DateInput reports once what was typed can be read. */
export function isDateValue(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d\d-\d\d$/.test(value);
}

/** A date typed and shown as the interface language writes it ("31.12.2026", "12/31/2026"), or as ISO. */
export function DateInput({ value, onChange, placeholder, error, ...rest }: DateInputProps) {
  const { t } = useTranslation();
  const field = useLocalText({ value, onChange, parse: parseDateText, format: formatDateText });
  const pattern = t("inputs.datePattern");
  const problem = field.invalid ? t("inputs.dateFormat", { pattern, example: formatDateText(EXAMPLE.slice(0, 10), field.language) }) : null;
  return <LocalTextInput {...rest} field={field} placeholder={placeholder ?? pattern} error={problem ?? error} />;
}

export interface DateTimeInputProps extends DateInputProps {
  /** The workspace's zone the wall clock is in: a time its clocks skip is pointed out. */
  timeZone?: string;
}

/**
 * A date and time typed and shown as the interface language writes it ("31.12.2026 17:30",
 * "12/31/2026 05:30 PM"), or as ISO; the value is the wall clock "YYYY-MM-DDTHH:mm[:ss]".
 */
export function DateTimeInput({ value, onChange, placeholder, error, description, timeZone, ...rest }: DateTimeInputProps) {
  const { t } = useTranslation();
  const field = useLocalText({ value, onChange, parse: parseDateTimeText, format: formatDateTimeText });
  const pattern = `${t("inputs.datePattern")} ${t("inputs.timePattern")}`;
  const problem = field.invalid ? t("inputs.dateTimeFormat", { pattern, example: formatDateTimeText(EXAMPLE, field.language) }) : null;
  const gap = timeZone && field.parsed ? skippedTime(field.parsed, timeZone) : null;
  const gapNote = gap
    ? t("inputs.skippedTime", {
        time: formatDateTimeText(field.parsed, field.language),
        saved: formatDateTimeText(gap, field.language),
        timezone: timeZone,
      })
    : null;
  return (
    <LocalTextInput
      {...rest}
      field={field}
      placeholder={placeholder ?? pattern}
      description={gapNote ? (description ? <>{description} · {gapNote}</> : gapNote) : description}
      error={problem ?? error}
    />
  );
}

/** The wall clock a time in the spring gap becomes (clocks move it forward), or null when it exists. */
export function skippedTime(wall: string, timeZone: string): string | null {
  const iso = zonedInputToIso(wall, timeZone);
  if (!iso) return null;
  const back = utcToZonedInput(iso, timeZone);
  return back === wall || `${back}:00` === wall ? null : back;
}
