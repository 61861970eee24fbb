import { Group, Paper, Stack } from "@mantine/core";
import type { FormEventHandler, ReactNode } from "react";

interface FormCardProps {
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** The buttons under the fields, on the right; the one that sends the form last. */
  actions: ReactNode;
  /** The space between the fields. */
  gap?: "md" | "lg";
  children: ReactNode;
}

/** A page's form in a bordered card: its fields, then its buttons. The form's own checks speak, not the browser's. */
export function FormCard({ onSubmit, actions, gap = "md", children }: FormCardProps) {
  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap={gap}>
          {children}
          <Group justify="flex-end">{actions}</Group>
        </Stack>
      </form>
    </Paper>
  );
}
