import { Alert, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../api/blueprints";
import { countText } from "../../app/components/count";
import { MigrateRecordsButton, olderVersionsWithRecords, useMigrationDialog } from "./MigrateRecordsButton";

interface OlderVersionsNoticeProps {
  slug: string;
  blueprintKey: string;
  versions: VersionSummary[];
  timeZone: string;
}

/** On the grid: how many records still follow older versions, with a way to migrate them. */
export function OlderVersionsNotice({ slug, blueprintKey, versions, timeZone }: OlderVersionsNoticeProps) {
  const { t } = useTranslation();
  const migration = useMigrationDialog({ slug, blueprintKey, versions, timeZone });
  const older = olderVersionsWithRecords(versions);
  const count = older.reduce((sum, version) => sum + (version.entity_count ?? 0), 0);
  // The dialog keeps its place in the tree whether or not the notice shows, so it survives
  // the refresh that empties the last older version.
  return (
    <>
      {older.length > 0 && (
        <Alert color="indigo" variant="light" p="sm">
          <Group gap="sm" wrap="wrap">
            <Text size="sm">{countText(t, "migrations.olderNotice", count)}</Text>
            {older.map((version) => (
              <MigrateRecordsButton key={version.number} from={version.number} onOpen={migration.openFrom} />
            ))}
          </Group>
        </Alert>
      )}
      {migration.dialog}
    </>
  );
}
