import { Group, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { EmptyState } from "../../app/components/EmptyState";
import { Heading } from "../../app/components/Heading";

interface SectionProps {
  /** The heading's id: it names the section for screen readers. */
  id: string;
  title: string;
  intro: string;
  /** 2 for a part of the integrations page, 3 for a part of a hook's page. */
  level?: 2 | 3;
  /** The section's main button, beside its heading. */
  action?: ReactNode;
  children: ReactNode;
}

/** A part of the integrations pages: its heading and intro, with its main button beside them, then its content. */
export function Section({ id, title, intro, level = 2, action, children }: SectionProps) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-end">
        <Heading level={level} size="h3" id={id} title={title} intro={intro} introWidth={640} />
        {action}
      </Group>
      {children}
    </Stack>
  );
}

/** What a section says while it has nothing to list: a title under the section's heading, and how to add the first. */
export function SectionEmpty({ title, body }: { title: string; body: string }) {
  return (
    <EmptyState title={title} order={3}>
      {body}
    </EmptyState>
  );
}
