import type { ReactNode } from "react";
import { Stack, Text, Title, type TitleOrder } from "@mantine/core";

/** The sizes headings take by level: a page's h1 is "h2"-sized, a section's h2 "h4"-sized. */
const SIZES: Record<1 | 2 | 3, string> = { 1: "h2", 2: "h4", 3: "h5" };

export type HeadingProps = {
  /** The heading's text. */
  title: ReactNode;
  /** A dimmed line (or more) under the heading that says what the page or section is for. */
  intro?: ReactNode;
  /** 1 for a page, 2 for a section, 3 for a part of a section. */
  level?: 1 | 2 | 3;
  /** Overrides the size that goes with the level. */
  size?: string;
  /** For `aria-labelledby` on the section the heading names. */
  id?: string;
  /** Keeps a long intro readable on a wide screen. */
  introWidth?: number;
};

/**
 * A page's or section's heading with its dimmed intro, the pair nearly every screen starts with.
 * One place decides how headings look, so pages and sections stay alike.
 */
export function Heading({ title, intro, level = 1, size, id, introWidth }: HeadingProps) {
  return (
    <Stack gap={4}>
      <Title order={level as TitleOrder} size={size ?? SIZES[level]} id={id}>
        {title}
      </Title>
      {intro !== undefined && (
        <Text size="sm" c="dimmed" maw={introWidth}>
          {intro}
        </Text>
      )}
    </Stack>
  );
}
