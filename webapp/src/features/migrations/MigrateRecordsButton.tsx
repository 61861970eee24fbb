import { Button, type ButtonProps } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../api/blueprints";
import { MigrationDialog } from "./MigrationDialog";

interface MigrateRecordsButtonProps {
  slug: string;
  blueprintKey: string;
  versions: VersionSummary[];
  /** The version whose records the dialog starts from. */
  from: number;
  timeZone: string;
  size?: ButtonProps["size"];
}

/** "Migrate records" (named "Migrate records from version N"), opening the migration dialog. */
export function MigrateRecordsButton({ slug, blueprintKey, versions, from, timeZone, size = "xs" }: MigrateRecordsButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="light" size={size} onClick={() => setOpen(true)} aria-label={t("migrations.migrateFrom", { number: from })}>
        {t("migrations.button")}
      </Button>
      {open && (
        <MigrationDialog slug={slug} blueprintKey={blueprintKey} versions={versions} from={from} timeZone={timeZone} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

/** Versions older than the latest that still have records: the ones worth migrating from. */
export function olderVersionsWithRecords(versions: readonly VersionSummary[]): VersionSummary[] {
  const latest = Math.max(0, ...versions.map((version) => version.number));
  return versions.filter((version) => version.number < latest && (version.entity_count ?? 0) > 0).sort((a, b) => a.number - b.number);
}
