import { Box, Input, Select, type SelectProps } from "@mantine/core";
import { useId } from "react";

/**
 * A Select whose visible label names only the input. Mantine would also name
 * the (hidden) options list after the label, so "the field labelled Timezone"
 * would match two elements; here the list stays unnamed and the input,
 * a combobox, carries the name.
 */
export function LabelledSelect({ label, ...props }: Omit<SelectProps, "label"> & { label: string }) {
  const id = useId();
  return (
    <Box>
      <Input.Label htmlFor={id} size={props.size ?? "sm"}>
        {label}
      </Input.Label>
      <Select id={id} {...props} />
    </Box>
  );
}
