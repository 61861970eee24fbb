import type { TFunction } from "i18next";
import { currentLanguage } from "../../i18n";
import { formatNumber } from "../format";

/** A counted text ("1 record", "1,234 records"): plural by count, the number formatted for the language. */
export function countText(t: TFunction, key: string, count: number): string {
  return t(key, { count, formatted: formatNumber(count, currentLanguage()) });
}
