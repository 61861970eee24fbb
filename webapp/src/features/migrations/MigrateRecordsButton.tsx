import { Button, type ButtonProps } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../api/blueprints";
import { MigrationDialog } from "./MigrationDialog";

interface MigrationDialogHost {
  slug: string;
  blueprintKey: string;
  versions: VersionSummary[];
  timeZone: string;
}

/**
 * The migration dialog, owned by a component that stays on the page: when the last records
 * leave a version its "Move records" button goes away, but the dialog must stay to show
 * the outcome.
 */
export function useMigrationDialog({ slug, blueprintKey, versions, timeZone }: MigrationDialogHost) {
  const [from, setFrom] = useState<number | null>(null);
  const dialog =
    from === null ? null : (
      <MigrationDialog slug={slug} blueprintKey={blueprintKey} versions={versions} from={from} timeZone={timeZone} onClose={() => setFrom(null)} />
    );
  return { openFrom: setFrom, dialog };
}

interface MigrateRecordsButtonProps {
  /** The version whose records the dialog starts from. */
  from: number;
  onOpen: (from: number) => void;
  size?: ButtonProps["size"];
}

/** "Move records" (named "Move records from version N"), opening the dialog that moves records between versions. */
export function MigrateRecordsButton({ from, onOpen, size = "xs" }: MigrateRecordsButtonProps) {
  const { t } = useTranslation();
  return (
    <Button variant="light" size={size} onClick={() => onOpen(from)} aria-label={t("migrations.migrateFrom", { number: from })}>
      {t("migrations.button")}
    </Button>
  );
}

/** Versions older than the latest that still have records: the ones worth migrating from. */
export function olderVersionsWithRecords(versions: readonly VersionSummary[]): VersionSummary[] {
  const latest = Math.max(0, ...versions.map((version) => version.number));
  return versions.filter((version) => version.number < latest && (version.entity_count ?? 0) > 0).sort((a, b) => a.number - b.number);
}
