import { Paper, SimpleGrid, Stack, Text } from "@mantine/core";
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

/** A detail page's facts side by side in a box, ``cols`` of them a row. */
export function Facts({ cols, children }: { cols: { base: number; sm: number }; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <SimpleGrid cols={cols}>{children}</SimpleGrid>
    </Paper>
  );
}
