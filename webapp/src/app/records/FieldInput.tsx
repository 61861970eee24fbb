import { Checkbox, Textarea, TextInput } from "@mantine/core";
import type { KeyboardEventHandler, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import { getSession } from "../../api/client";
import { DateInput, DateTimeInput } from "../components/DateInput";
import { LabelledMultiSelect, LabelledSelect } from "../components/LabelledSelect";
import { NumberField } from "../components/NumberField";
import { ReferenceSelect } from "./ReferenceSelect";
import type { InputValue } from "./values";

export interface FieldInputProps {
  column: Pick<Column, "type" | "options" | "reference">;
  label: string;
  value: InputValue;
  onChange: (value: InputValue) => void;
  timeZone: string;
  slug: string;
  description?: ReactNode;
  error?: ReactNode;
  disabled?: boolean;
  autoFocus?: boolean;
  /** Name the input for screen readers only, without a visible label (grid cells). */
  hideLabel?: boolean;
  onKeyDown?: KeyboardEventHandler<HTMLElement>;
  /** Long text as a single row (inside the grid). */
  compact?: boolean;
  /** Put the description under the input (rows of inputs line up). */
  descriptionBelow?: boolean;
}

const TEXT_TYPES = { text: "text", email: "email", url: "url", phone: "tel" } as const;

/** The fitting input for a column's type; the value stays in its input form (see values.ts). */
export function FieldInput(props: FieldInputProps) {
  const { t } = useTranslation();
  const { column, label, value, onChange, timeZone, slug, description, error, disabled, autoFocus, hideLabel, onKeyDown } = props;
  const text = typeof value === "string" ? value : "";
  const labelProps = hideLabel ? { "aria-label": label } : { label };
  const order = props.descriptionBelow ? (["label", "input", "description", "error"] as const) : undefined;
  const common = { description, error, disabled, autoFocus, onKeyDown, inputWrapperOrder: order ? [...order] : undefined };
  const selectLabel = { label, hideLabel, description, error, disabled, autoFocus, onKeyDown };

  switch (column.type) {
    case "boolean":
      return (
        <Checkbox
          {...labelProps}
          description={description}
          error={error}
          disabled={disabled}
          autoFocus={autoFocus}
          onKeyDown={onKeyDown}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      );
    case "long_text":
      return (
        <Textarea
          {...labelProps}
          {...common}
          autosize
          minRows={props.compact ? 1 : 3}
          maxRows={props.compact ? 4 : 12}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case "integer":
    case "decimal":
      return <NumberField {...labelProps} {...common} whole={column.type === "integer"} value={text} onChange={onChange} />;
    case "date":
      return <DateInput {...labelProps} {...common} value={text} onChange={onChange} />;
    case "datetime": {
      const zoneNote = t("values.timeIn", { timezone: timeZone });
      return (
        <DateTimeInput
          {...labelProps}
          {...common}
          description={description ? <>{description} · {zoneNote}</> : zoneNote}
          timeZone={timeZone}
          value={text}
          onChange={onChange}
        />
      );
    }
    case "choice":
      return (
        <LabelledSelect
          {...selectLabel}
          data={(column.options ?? []).map((option) => ({ value: option.value, label: option.label || option.value }))}
          value={text || null}
          onChange={(next) => onChange(next ?? "")}
          clearable
          searchable={(column.options?.length ?? 0) > 8}
        />
      );
    case "choices":
      return (
        <LabelledMultiSelect
          {...selectLabel}
          data={(column.options ?? []).map((option) => ({ value: option.value, label: option.label || option.value }))}
          value={Array.isArray(value) ? value : []}
          onChange={(next) => onChange(next)}
          clearable
        />
      );
    case "reference":
      return (
        <ReferenceSelect {...selectLabel} slug={slug} blueprint={column.reference} value={text} onChange={onChange} />
      );
    case "user": {
      const me = getSession().user;
      const data = me ? [{ value: String(me.id), label: t("values.me", { email: me.email }) }] : [];
      if (text && !data.some((item) => item.value === text)) data.push({ value: text, label: t("values.member", { id: text }) });
      return <LabelledSelect {...selectLabel} data={data} value={text || null} onChange={(next) => onChange(next ?? "")} clearable />;
    }
    default: {
      const type = TEXT_TYPES[column.type as keyof typeof TEXT_TYPES] ?? "text";
      return (
        <TextInput
          {...labelProps}
          {...common}
          type={type}
          autoComplete="off"
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    }
  }
}
