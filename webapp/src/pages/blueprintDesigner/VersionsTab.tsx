import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../api/blueprints";
import { countText } from "../../app/components/count";
import { EmptyState } from "../../app/components/EmptyState";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../app/format";
import { MigrateRecordsButton, olderVersionsWithRecords, useMigrationDialog } from "../../features/migrations/MigrateRecordsButton";

interface VersionsTabProps {
  versions: VersionSummary[];
  timeZone: string;
  slug: string;
  blueprintKey: string;
}

/**
 * Every published version, newest first, with its date and how many records
 * follow it; older versions with records offer to migrate them.
 */
export function VersionsTab({ versions, timeZone, slug, blueprintKey }: VersionsTabProps) {
  const { t } = useTranslation();
  const migration = useMigrationDialog({ slug, blueprintKey, versions, timeZone });
  if (!versions.length) {
    return (
      <EmptyState title={t("designer.versions.empty")} order={2}>
        {t("designer.versions.emptyBody")}
      </EmptyState>
    );
  }
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  const migratable = new Set(olderVersionsWithRecords(versions).map((version) => version.number));
  return (
    <>
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
        {sorted.map((version, index) => (
          <Paper key={version.id} withBorder p="md" radius="md" component="li">
            <Group justify="space-between" wrap="wrap">
              <Stack gap={2}>
                <Group gap="xs">
                  <Title order={2} size="h5">
                    {t("designer.versions.version", { number: version.number })}
                  </Title>
                  {index === 0 && (
                    <Badge size="sm" variant="light" color="green">
                      {t("designer.versions.latest")}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {t("designer.versions.publishedAt", { date: formatDateTime(version.published_at, timeZone, currentLanguage()) })}
                </Text>
              </Stack>
              <Group gap="sm">
                <Text size="sm">{countText(t, "designer.versions.records", version.entity_count ?? 0)}</Text>
                {migratable.has(version.number) && (
                  <MigrateRecordsButton from={version.number} onOpen={migration.openFrom} />
                )}
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      {migration.dialog}
    </>
  );
}
