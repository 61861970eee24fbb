import { ActionIcon, Button, Group, Stack, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { DurationValue, FieldValue, Operand, StepsValue, StepsValueKind, TextPart } from "../../../api/flowSteps";
import type { Member } from "../../../api/members";
import { IconPlus, IconTrash } from "../../../app/components/icons";
import { LabelledSelect } from "../../../app/components/LabelledSelect";
import { NumberField } from "../../../app/components/NumberField";
import { ErrorText } from "../../../app/records/ErrorText";
import { LiteralInput } from "./LiteralInput";
import { UnitInput } from "./parts";
import { calcFields, copySources, isDate, joinFields, kindsFor, newValue, operatorsFor } from "./valueKinds";

export interface ValueInputProps {
  target: Column;
  value: StepsValue;
  onChange: (value: StepsValue) => void;
  /** Every column of the blueprint (the menus pick the fitting ones). */
  columns: readonly Column[];
  members: readonly Member[];
  timeZone: string;
  /** Kinds not offered here (an automatic move has no person pressing). */
  exclude?: readonly StepsValueKind[];
  error?: string;
}

const fieldData = (columns: readonly Column[]) => columns.map((column) => ({ value: column.key, label: column.label || column.key }));

function OperandInput({ operand, fields, label, onChange }: { operand: Operand; fields: readonly Column[]; label: string; onChange: (next: Operand) => void }) {
  const { t } = useTranslation();
  const NUMBER = "__number__";
  return (
    <Group gap={4} wrap="nowrap">
      <LabelledSelect
        label={label}
        hideLabel
        data={[...fieldData(fields), { value: NUMBER, label: t("flowSteps.value.aNumber") }]}
        value={operand.kind === "field" ? operand.field || null : NUMBER}
        onChange={(next) => next && onChange(next === NUMBER ? { kind: "literal", value: 1 } : { kind: "field", field: next })}
        allowDeselect={false}
        w={170}
      />
      {operand.kind === "literal" && (
        <NumberField
          aria-label={t("flowSteps.value.number", { side: label })}
          value={typeof operand.value === "number" || typeof operand.value === "string" ? String(operand.value) : ""}
          onChange={(next) => onChange({ kind: "literal", value: next === "" ? null : String(Number(next)) === next ? Number(next) : next })}
          w={110}
        />
      )}
    </Group>
  );
}

function DurationInput({ value, withTime, onChange }: { value: DurationValue; withTime: boolean; onChange: (next: DurationValue) => void }) {
  const units = withTime ? (["days", "hours", "minutes"] as const) : (["days"] as const);
  return (
    <Group gap={4} wrap="nowrap">
      {units.map((unit) => (
        <UnitInput key={unit} unit={unit} value={value[unit]} onChange={(next) => onChange({ ...value, [unit]: next })} w={120} />
      ))}
    </Group>
  );
}

function CalcInput({ target, value, columns, onChange }: { target: Column; value: Extract<StepsValue, { kind: "calc" }>; columns: readonly Column[]; onChange: (next: StepsValue) => void }) {
  const { t } = useTranslation();
  const fields = calcFields(target, columns);
  const dates = isDate(target.type);
  return (
    <Group gap={4} wrap="wrap">
      {dates ? (
        <LabelledSelect
          label={t("flowSteps.value.left")}
          hideLabel
          data={fieldData(fields)}
          value={value.left.kind === "field" ? value.left.field || null : null}
          onChange={(next) => next && onChange({ ...value, left: { kind: "field", field: next } })}
          allowDeselect={false}
          w={170}
        />
      ) : (
        <OperandInput operand={value.left} fields={fields} label={t("flowSteps.value.left")} onChange={(left) => onChange({ ...value, left })} />
      )}
      <LabelledSelect
        label={t("flowSteps.value.operator")}
        hideLabel
        data={operatorsFor(target.type).map((op) => ({ value: op, label: t(`flowSteps.operators.${op === "*" ? "times" : op === "/" ? "divide" : op === "+" ? "plus" : "minus"}`) }))}
        value={value.op}
        onChange={(next) => next && onChange({ ...value, op: next as typeof value.op })}
        allowDeselect={false}
        w={dates ? 110 : 80}
      />
      {dates ? (
        <DurationInput
          value={value.right.kind === "duration" ? value.right : { kind: "duration", days: 0, hours: 0, minutes: 0 }}
          withTime={target.type === "datetime"}
          onChange={(right) => onChange({ ...value, right })}
        />
      ) : (
        <OperandInput
          operand={value.right.kind === "duration" ? { kind: "literal", value: 1 } : value.right}
          fields={fields}
          label={t("flowSteps.value.right")}
          onChange={(right) => onChange({ ...value, right })}
        />
      )}
    </Group>
  );
}

function JoinInput({ value, columns, onChange }: { value: Extract<StepsValue, { kind: "join" }>; columns: readonly Column[]; onChange: (next: StepsValue) => void }) {
  const { t } = useTranslation();
  const fields = joinFields(columns);
  const setPart = (index: number, part: FieldValue | TextPart | null) =>
    onChange({ ...value, parts: part ? value.parts.map((old, i) => (i === index ? part : old)) : value.parts.filter((_, i) => i !== index) });
  return (
    <Stack gap={4}>
      {value.parts.map((part, index) => (
        <Group key={index} gap={4} wrap="nowrap">
          {part.kind === "field" ? (
            <LabelledSelect
              label={t("flowSteps.value.partField", { number: index + 1 })}
              hideLabel
              data={fieldData(fields)}
              value={part.field || null}
              onChange={(next) => next && setPart(index, { kind: "field", field: next })}
              allowDeselect={false}
              w={200}
            />
          ) : (
            <TextInput aria-label={t("flowSteps.value.partText", { number: index + 1 })} value={part.value} onChange={(event) => setPart(index, { kind: "text", value: event.currentTarget.value })} w={200} />
          )}
          <ActionIcon variant="subtle" color="gray" onClick={() => setPart(index, null)} aria-label={t("flowSteps.value.removePart", { number: index + 1 })}>
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Group gap={4}>
        <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={() => onChange({ ...value, parts: [...value.parts, { kind: "field", field: fields[0]?.key ?? "" }] })}>
          {t("flowSteps.value.addField")}
        </Button>
        <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={() => onChange({ ...value, parts: [...value.parts, { kind: "text", value: " " }] })}>
          {t("flowSteps.value.addText")}
        </Button>
      </Group>
    </Stack>
  );
}

/** What a data update sets its field to: a kind from a menu of the fitting ones, then its details. */
export function ValueInput({ target, value, onChange, columns, members, timeZone, exclude = [], error }: ValueInputProps) {
  const { t } = useTranslation();
  const kinds = kindsFor(target, columns).filter((kind) => !exclude.includes(kind));
  const label = t("flowSteps.value.kind", { field: target.label || target.key });
  return (
    <Stack gap={4}>
      <Group gap={4} align="flex-start" wrap="wrap">
        <LabelledSelect
          label={label}
          hideLabel
          data={kinds.map((kind) => ({ value: kind, label: t(`flowSteps.kinds.${kind}`) }))}
          value={kinds.includes(value.kind) ? value.kind : null}
          placeholder={t("flowSteps.value.choose")}
          onChange={(next) => next && onChange(newValue(next as StepsValueKind, target, columns))}
          allowDeselect={false}
          w={190}
        />
        {value.kind === "literal" && (
          <LiteralInput column={target} label={t("flowSteps.value.literal", { field: target.label || target.key })} value={value.value} onChange={(next) => onChange({ kind: "literal", value: next })} members={members} timeZone={timeZone} />
        )}
        {value.kind === "field" && (
          <LabelledSelect
            label={t("flowSteps.value.source", { field: target.label || target.key })}
            hideLabel
            data={fieldData(copySources(target, columns))}
            value={value.field || null}
            onChange={(next) => next && onChange({ kind: "field", field: next })}
            allowDeselect={false}
            w={200}
          />
        )}
        {value.kind === "calc" && <CalcInput target={target} value={value} columns={columns} onChange={onChange} />}
        {value.kind === "join" && <JoinInput value={value} columns={columns} onChange={onChange} />}
      </Group>
      <ErrorText>{error}</ErrorText>
    </Stack>
  );
}
