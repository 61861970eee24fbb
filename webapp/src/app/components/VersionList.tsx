import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../format";

/** What a published version of a blueprint or a flow says of itself. */
export interface PublishedVersion {
  id: string | number;
  number: number;
  published_at: string;
}

interface VersionListProps<V extends PublishedVersion> {
  versions: V[];
  timeZone: string;
  /** The heading level of each version's name: one below the list's own heading. */
  level: 2 | 3;
  /** "Version 3". */
  name: (number: number) => string;
  /** "Published 1 Nov 2026, 09:00", given the formatted date. */
  publishedAt: (date: string) => string;
  /** The badge the newest version wears. */
  newest: string;
  /** What the version's row offers on its right: counts, buttons. */
  side: (version: V) => ReactNode;
}

/** Published versions, newest first, each with its date and what its caller puts beside it. */
export function VersionList<V extends PublishedVersion>({ versions, timeZone, level, name, publishedAt, newest, side }: VersionListProps<V>) {
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  return (
    <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
      {sorted.map((version, index) => (
        <Paper key={version.id} withBorder p="sm" radius="md" component="li">
          <Group justify="space-between" wrap="wrap">
            <Stack gap={2}>
              <Group gap="xs">
                <Title order={level} size="h5">
                  {name(version.number)}
                </Title>
                {index === 0 && (
                  <Badge size="sm" variant="light" color="green" tt="none">
                    {newest}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {publishedAt(formatDateTime(version.published_at, timeZone, currentLanguage()))}
              </Text>
            </Stack>
            <Group gap="md">{side(version)}</Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
