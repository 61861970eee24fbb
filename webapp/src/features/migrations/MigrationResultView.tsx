import { Anchor, List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Column } from "../../api/blueprints";
import type { MigrationResult } from "../../api/migrations";
import { currentLanguage } from "../../i18n";
import { paths } from "../../app/paths";
import { describeErrors, shortId } from "./PreviewSummary";
import { formatNumber } from "../../app/format";
import { movedText } from "../../app/records/movedText";

const MAX_FAILURES = 100;

/** "N records moved, N failed", and which failed and why. */
export function MigrationResultView({ result, columns, slug }: { result: MigrationResult; columns: Column[]; slug: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const failures = (result.failures ?? []).slice(0, MAX_FAILURES);
  return (
    <Stack gap="xs">
      <Text size="sm">{movedText(t, "migrations.result", result)}</Text>
      {result.lossy > 0 && <Text size="sm">{t("migrations.resultLossy", { count: result.lossy, formatted: formatNumber(result.lossy, language) })}</Text>}
      {failures.length > 0 && (
        <List size="sm" spacing={4}>
          {failures.map((failure) => (
            <List.Item key={failure.id}>
              <Anchor component={Link} to={paths.record(slug, failure.id)} size="sm" target="_blank" title={failure.id}>
                {t("migrations.record", { id: shortId(failure.id) })}
              </Anchor>
              : {describeErrors(failure.errors, columns)}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
