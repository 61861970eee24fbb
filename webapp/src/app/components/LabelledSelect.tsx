import { Box, Input, MultiSelect, Select, VisuallyHidden, type MultiSelectProps, type SelectProps } from "@mantine/core";
import { useId, type ReactNode } from "react";

interface LabelProps {
  label: string;
  /** Keep the label for screen readers and tests, but do not show it. */
  hideLabel?: boolean;
  /** Marks the label as required (an asterisk) without Mantine's own label. */
  withAsterisk?: boolean;
}

function Labelled({ id, label, hideLabel, withAsterisk, size, children }: LabelProps & { id: string; size?: string; children: ReactNode }) {
  const text = (
    <Input.Label htmlFor={id} size={size ?? "sm"} required={withAsterisk}>
      {label}
    </Input.Label>
  );
  return (
    <Box>
      {hideLabel ? <VisuallyHidden>{text}</VisuallyHidden> : text}
      {children}
    </Box>
  );
}

/**
 * A Select whose visible label names only the input. Mantine would also name
 * the (hidden) options list after the label, so "the field labelled Timezone"
 * would match two elements; here the list stays unnamed and the input,
 * a combobox, carries the name.
 */
export function LabelledSelect({ label, hideLabel, withAsterisk, ...props }: Omit<SelectProps, "label"> & LabelProps) {
  const id = useId();
  return (
    <Labelled id={id} label={label} hideLabel={hideLabel} withAsterisk={withAsterisk} size={props.size as string}>
      <Select id={id} {...props} />
    </Labelled>
  );
}

/** The same for a MultiSelect. */
export function LabelledMultiSelect({ label, hideLabel, withAsterisk, ...props }: Omit<MultiSelectProps, "label"> & LabelProps) {
  const id = useId();
  return (
    <Labelled id={id} label={label} hideLabel={hideLabel} withAsterisk={withAsterisk} size={props.size as string}>
      <MultiSelect id={id} {...props} />
    </Labelled>
  );
}
