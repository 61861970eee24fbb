import { Group, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { Heading } from "../app/components/Heading";

interface SectionProps {
  /** Names the section for screen readers, through its heading. */
  id: string;
  title: string;
  /** Beside the heading, on the right: a filter or a link. */
  aside?: ReactNode;
  gap?: "sm" | "md";
  children: ReactNode;
}

/** A part of a page under its own h2. */
export function Section({ id, title, aside, gap = "md", children }: SectionProps) {
  const heading = <Heading level={2} size="h3" id={id} title={title} />;
  return (
    <Stack gap={gap} component="section" aria-labelledby={id}>
      {aside ? (
        <Group justify="space-between" align="flex-end">
          {heading}
          {aside}
        </Group>
      ) : (
        heading
      )}
      {children}
    </Stack>
  );
}
