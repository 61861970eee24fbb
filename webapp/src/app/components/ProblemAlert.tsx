import { Alert } from "@mantine/core";
import type { ReactNode } from "react";

/** The error above a form or a page section; screen readers announce it. */
export function ProblemAlert({ message, title }: { message: ReactNode; title?: ReactNode }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {message}
    </Alert>
  );
}
