import { Checkbox, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { Member } from "../../../api/members";
import { DateInput, DateTimeInput } from "../../../app/components/DateInput";
import { LabelledMultiSelect, LabelledSelect } from "../../../app/components/LabelledSelect";
import { NumberField } from "../../../app/components/NumberField";
import { utcToZonedInput, zonedInputToIso } from "../../../app/timezone";

interface LiteralInputProps {
  column: Pick<Column, "type" | "options">;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  members: readonly Member[];
  timeZone: string;
  error?: string;
}

const TEXT_TYPES = { email: "email", url: "url", phone: "tel" } as const;

/** A fixed value, entered with the input its field's type calls for (the JSON the server stores). */
export function LiteralInput({ column, label, value, onChange, members, timeZone, error }: LiteralInputProps) {
  const { t } = useTranslation();
  const text = typeof value === "string" ? value : "";
  const common = { "aria-label": label, error, w: 220 };
  const options = (column.options ?? []).map((option) => ({ value: option.value, label: option.label || option.value }));
  switch (column.type) {
    case "boolean":
      return <Checkbox label={t("flowSteps.value.yes")} aria-label={label} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} error={error} mt={8} />;
    case "integer":
    case "decimal":
      return (
        <NumberField
          {...common}
          whole={column.type === "integer"}
          value={typeof value === "number" || typeof value === "string" ? String(value) : ""}
          onChange={(next) => {
            if (next === "") return onChange(null);
            // A whole number the server takes as a JSON number; what cannot be read goes as typed, for the server to refuse.
            if (column.type === "integer" && /^-?\d+$/.test(next) && Number.isSafeInteger(Number(next))) return onChange(Number(next));
            return onChange(next);
          }}
        />
      );
    case "date":
      return <DateInput {...common} value={text} onChange={(next) => onChange(next || null)} />;
    case "datetime":
      return (
        <DateTimeInput
          {...common}
          description={t("flowSteps.value.timeIn", { timezone: timeZone })}
          timeZone={timeZone}
          value={utcToZonedInput(text || null, timeZone) || text}
          onChange={(next) => onChange(next ? (zonedInputToIso(next, timeZone) ?? next) : null)}
        />
      );
    case "choice":
      return <LabelledSelect label={label} hideLabel data={options} value={text || null} onChange={(next) => onChange(next)} error={error} w={220} />;
    case "choices":
      return (
        <LabelledMultiSelect
          label={label}
          hideLabel
          data={options}
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={(next) => onChange(next)}
          error={error}
          w={260}
        />
      );
    case "user":
      return (
        <LabelledSelect
          label={label}
          hideLabel
          placeholder={t("flowSteps.who.chooseMember")}
          data={members.map((member) => ({ value: String(member.user_id), label: member.email }))}
          value={value === null || value === undefined ? null : String(value)}
          onChange={(next) => onChange(next === null ? null : Number(next))}
          error={error}
          searchable
          w={240}
        />
      );
    case "long_text":
      return <Textarea {...common} autosize minRows={1} value={text} onChange={(event) => onChange(event.currentTarget.value)} />;
    default:
      return (
        <TextInput
          {...common}
          type={TEXT_TYPES[column.type as keyof typeof TEXT_TYPES] ?? "text"}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}
