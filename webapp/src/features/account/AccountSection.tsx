import { Group, Paper, Stack, type StackProps } from "@mantine/core";
import type { ReactNode } from "react";
import { Heading } from "../../app/components/Heading";

interface AccountSectionProps {
  /** The heading's id, which names the section for screen readers. */
  id: string;
  title: string;
  /** A dimmed line under the heading saying what the section is for. */
  intro?: string;
  /** Keeps the intro as narrow as a narrow section's content. */
  introWidth?: number;
  /** Shown at the heading's end, such as whether the feature is on. */
  status?: ReactNode;
  /** A red border, for what cannot be undone. */
  danger?: boolean;
  /** The space between the heading and the content, and between its parts. */
  gap?: StackProps["gap"];
  align?: StackProps["align"];
  children: ReactNode;
}

/** One card of the account page: a heading, often a line saying what it is for, and its content. */
export function AccountSection({ id, title, intro, introWidth, status, danger, gap = "md", align, children }: AccountSectionProps) {
  const heading = <Heading title={title} intro={intro} level={2} size="h3" id={id} introWidth={introWidth} />;
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="section"
      aria-labelledby={id}
      style={danger ? { borderColor: "var(--mantine-color-red-3)" } : undefined}
    >
      <Stack gap={gap} align={align}>
        {status ? (
          <Group justify="space-between">
            {heading}
            {status}
          </Group>
        ) : (
          heading
        )}
        {children}
      </Stack>
    </Paper>
  );
}
