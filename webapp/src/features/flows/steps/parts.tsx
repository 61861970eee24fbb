import { Button, Group, NumberInput, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { IconPlus } from "../../../app/components/icons";

export type TimeUnit = "days" | "hours" | "minutes";

/** A whole number of days, hours or minutes, the unit written inside the field. */
export function UnitInput({ unit, value, onChange, w }: { unit: TimeUnit; value: number; onChange: (next: number) => void; w: number }) {
  const { t } = useTranslation();
  return (
    <NumberInput
      aria-label={t(`flowSteps.units.${unit}`)}
      rightSection={<Text size="xs">{t(`flowSteps.units.${unit}`)}</Text>}
      rightSectionWidth={64}
      min={0}
      allowDecimal={false}
      value={value}
      onChange={(next) => onChange(typeof next === "number" ? next : 0)}
      w={w}
    />
  );
}

/** Under a list of rows: what an empty list says, and the button that adds a row (when the list may change). */
export function RowsFooter({ empty, emptyText, readOnly, addLabel, onAdd, addDisabled }: { empty: boolean; emptyText: string; readOnly: boolean; addLabel: string; onAdd: () => void; addDisabled?: boolean }) {
  return (
    <>
      {empty && (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      )}
      {!readOnly && (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={onAdd} disabled={addDisabled}>
            {addLabel}
          </Button>
        </Group>
      )}
    </>
  );
}
