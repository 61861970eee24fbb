import type { TFunction } from "i18next";
import { currentLanguage } from "../../i18n";
import { formatNumber } from "../format";

/** "N records moved, N failed" for a move of records between versions: plural by how many moved. */
export function movedText(t: TFunction, key: string, result: { migrated: number; failed: number }): string {
  const language = currentLanguage();
  return t(key, {
    count: result.migrated,
    migrated: formatNumber(result.migrated, language),
    failed: formatNumber(result.failed, language),
  });
}
