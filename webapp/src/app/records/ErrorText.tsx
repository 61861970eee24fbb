import { Text } from "@mantine/core";
import type { ReactNode } from "react";

/** What is wrong with an input or a row, in red under it; nothing when nothing is. */
export function ErrorText({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Text size="sm" c="red">
      {children}
    </Text>
  );
}
