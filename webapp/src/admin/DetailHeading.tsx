import { Anchor, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";

interface DetailHeadingProps {
  /** The list (or page) this one was opened from. */
  back: { to: string; label: string };
  /** A name, an address or a record's title: long ones wrap anywhere. */
  title: ReactNode;
  /** What goes under the title: badges, an intro. */
  children?: ReactNode;
}

/** The top of a page opened from another: the way back, then the page's title. */
export function DetailHeading({ back, title, children }: DetailHeadingProps) {
  return (
    <Stack gap={6}>
      <Anchor component={Link} to={back.to} size="sm">
        ← {back.label}
      </Anchor>
      <Title order={1} style={{ overflowWrap: "anywhere" }}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
