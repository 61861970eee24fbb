import { Anchor, Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { ImportResult } from "../../api/transfers";
import type { JobTone } from "../../app/components/JobProgress";
import { countText } from "../../app/components/count";
import { RowProblems } from "./RowProblems";

/** Green when every row was imported, yellow when some were refused, red when none was imported. */
export function importOutcome(result: ImportResult, t: TFunction): { tone: JobTone; title: string } {
  if (result.created === 0) return { tone: "red", title: t("transfers.noneImported") };
  if (result.failed > 0) return { tone: "yellow", title: t("transfers.someImported") };
  return { tone: "green", title: t("transfers.allImported") };
}

/** "N records created" and, when some rows failed, which and why, with the refused rows to download. */
export function ImportResultView({ result, columns }: { result: ImportResult; columns: Column[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">{countText(t, "transfers.created", result.created)}</Text>
      {result.failed > 0 && (
        <>
          <Text size="sm" fw={600}>
            {countText(t, "transfers.failed", result.failed)}
          </Text>
          {result.rejected_url && (
            <div>
              <Anchor href={result.rejected_url} download="rejected-rows.csv" size="sm" fw={600}>
                {t("transfers.downloadRejected")}
              </Anchor>
              <Text size="xs">{t("transfers.rejectedHint")}</Text>
            </div>
          )}
          <RowProblems rows={result.errors ?? []} failed={result.failed} columns={columns} />
        </>
      )}
    </Stack>
  );
}
