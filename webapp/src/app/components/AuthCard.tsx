import { Anchor, Button, Group, Stack, Text, ThemeIcon } from "@mantine/core";
import type { FormEventHandler, ReactNode } from "react";
import { Link } from "react-router-dom";
import { Heading } from "./Heading";

interface AuthCardProps {
  /** The page's heading (level 1). */
  title: string;
  /** A dimmed line under the heading. */
  intro?: ReactNode;
  /** An icon before the heading. */
  icon?: ReactNode;
  /** The small centred line at the bottom, such as the link to the other way in. */
  footer?: ReactNode;
  children: ReactNode;
}

/**
 * The inside of a signed-out page's card (sign-in, sign-up, a new password, support...): the
 * heading, what the page offers, and a small line at the bottom. All such pages look alike.
 */
export function AuthCard({ title, intro, icon, footer, children }: AuthCardProps) {
  const heading = <Heading title={title} intro={intro} />;
  return (
    <Stack gap="lg">
      {icon ? (
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={40} radius="xl" variant="light" aria-hidden>
            {icon}
          </ThemeIcon>
          {heading}
        </Group>
      ) : (
        heading
      )}
      {children}
      {footer && (
        <Text size="sm" ta="center">
          {footer}
        </Text>
      )}
    </Stack>
  );
}

interface AuthFormProps {
  onSubmit: FormEventHandler<HTMLFormElement>;
  submitLabel: string;
  submitting: boolean;
  /** The fields, above the full-width button that sends them. */
  children: ReactNode;
}

/** A signed-out page's form: its fields, then one full-width button. The form's own checks speak, not the browser's. */
export function AuthForm({ onSubmit, submitLabel, submitting, children }: AuthFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {children}
        <Button type="submit" loading={submitting} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}

/** A link in a signed-out page's footer line, to another of those pages. */
export function FooterLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to}>
      {children}
    </Anchor>
  );
}
