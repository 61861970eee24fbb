import { Textarea, type TextareaProps } from "@mantine/core";

/** A blueprint's or a flow's description: a few lines that grow with what is typed. */
export function DescriptionField({ label, placeholder, ...input }: TextareaProps & { label: string; placeholder: string }) {
  return <Textarea label={label} placeholder={placeholder} autosize minRows={2} {...input} />;
}
