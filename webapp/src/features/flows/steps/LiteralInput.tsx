import { Checkbox, NumberInput, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { Member } from "../../../api/members";
import { LabelledMultiSelect, LabelledSelect } from "../../../app/components/LabelledSelect";
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
        <NumberInput
          {...common}
          allowDecimal={column.type === "decimal"}
          value={typeof value === "number" || typeof value === "string" ? value : ""}
          onChange={(next) => {
            if (next === "" || next === "-") return onChange(null);
            if (column.type === "integer") return onChange(typeof next === "number" ? next : Number(next));
            return onChange(String(next));
          }}
        />
      );
    case "date":
      return <TextInput {...common} type="date" value={text} onChange={(event) => onChange(event.currentTarget.value || null)} />;
    case "datetime":
      return (
        <TextInput
          {...common}
          type="datetime-local"
          description={t("flowSteps.value.timeIn", { timezone: timeZone })}
          value={utcToZonedInput(text || null, timeZone)}
          onChange={(event) => onChange(zonedInputToIso(event.currentTarget.value, timeZone))}
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
