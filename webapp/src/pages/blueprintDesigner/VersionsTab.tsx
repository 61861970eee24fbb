import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../api/blueprints";
import { countText } from "../../app/components/count";
import { EmptyState } from "../../app/components/EmptyState";
import { VersionList } from "../../app/components/VersionList";
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
  const migratable = new Set(olderVersionsWithRecords(versions).map((version) => version.number));
  return (
    <>
      <VersionList
        versions={versions}
        timeZone={timeZone}
        level={2}
        name={(number) => t("designer.versions.version", { number })}
        publishedAt={(date) => t("designer.versions.publishedAt", { date })}
        newest={t("designer.versions.latest")}
        side={(version) => (
          <>
            <Text size="sm">{countText(t, "designer.versions.records", version.entity_count ?? 0)}</Text>
            {migratable.has(version.number) && <MigrateRecordsButton from={version.number} onOpen={migration.openFrom} />}
          </>
        )}
      />
      {migration.dialog}
    </>
  );
}
