import { Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import type { ReactNode } from "react";

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  /** Heading level of the title, so the page outline stays right. */
  order?: 1 | 2 | 3;
}

/** A friendly box for "nothing here yet", with the next step as its action. */
export function EmptyState({ title, children, action, icon, order = 2 }: EmptyStateProps) {
  return (
    <Paper withBorder radius="md" p="xl" bg="var(--loom-surface)">
      <Stack align="center" gap="sm" ta="center" maw={520} mx="auto">
        {icon && (
          <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
            {icon}
          </ThemeIcon>
        )}
        <Title order={order} size="h3">
          {title}
        </Title>
        {children && <Text c="dimmed">{children}</Text>}
        {action}
      </Stack>
    </Paper>
  );
}
