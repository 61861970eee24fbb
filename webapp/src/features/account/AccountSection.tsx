import { Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

interface AccountSectionProps {
  /** The heading's id, which names the section for screen readers. */
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}

/** One card of the account page: a heading, a line saying what it is for, and its content. */
export function AccountSection({ id, title, intro, children }: AccountSectionProps) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}
