import { Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** One labelled fact on a detail page ("Created", "Time zone"...). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}
