import { SegmentedControl } from "@mantine/core";
import { useParam } from "../app/useParam";

interface ChoiceFilterProps {
  /** The address parameter the choice is kept in. */
  param: string;
  /** The control's accessible name. */
  label: string;
  /** The first choice is the default ("All", mostly): choosing it leaves the parameter out. */
  choices: { value: string; label: string }[];
}

/** A list's filter as a row of choices, kept in the address; an unknown value shows the default. */
export function ChoiceFilter({ param, label, choices }: ChoiceFilterProps) {
  const [value, setValue] = useParam(param);
  const fallback = choices[0].value;
  return (
    <SegmentedControl
      aria-label={label}
      value={choices.some((choice) => choice.value === value) ? value : fallback}
      onChange={(next) => setValue(next === fallback ? null : next)}
      data={choices}
    />
  );
}
