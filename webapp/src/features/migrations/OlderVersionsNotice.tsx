import { Alert, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../api/blueprints";
import { countText } from "../../app/components/count";
import { MigrateRecordsButton, olderVersionsWithRecords } from "./MigrateRecordsButton";

interface OlderVersionsNoticeProps {
  slug: string;
  blueprintKey: string;
  versions: VersionSummary[];
  timeZone: string;
}

/** On the grid: how many records still follow older versions, with a way to migrate them. */
export function OlderVersionsNotice({ slug, blueprintKey, versions, timeZone }: OlderVersionsNoticeProps) {
  const { t } = useTranslation();
  const older = olderVersionsWithRecords(versions);
  if (!older.length) return null;
  const count = older.reduce((sum, version) => sum + (version.entity_count ?? 0), 0);
  return (
    <Alert color="indigo" variant="light" p="sm">
      <Group gap="sm" wrap="wrap">
        <Text size="sm">{countText(t, "migrations.olderNotice", count)}</Text>
        {older.map((version) => (
          <MigrateRecordsButton key={version.number} slug={slug} blueprintKey={blueprintKey} versions={versions} from={version.number} timeZone={timeZone} />
        ))}
      </Group>
    </Alert>
  );
}
