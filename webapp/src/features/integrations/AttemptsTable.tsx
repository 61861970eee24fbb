import { Code, Table, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { HookAttempt } from "../../api/hooks";
import type { Page } from "../../api/types";
import { describeError } from "../../app/components/errors";
import { DataTable } from "../../app/components/DataTable";
import { currentLanguage } from "../../i18n";
import { formatMoment } from "./format";
import { useAttempts } from "./queries";
import { formatNumber } from "../../app/format";

/** Each attempt of one delivery: when, how long, the status code and the start of the answer. */
export function AttemptsTable({ slug, deliveryId, timeZone, live }: { slug: string; deliveryId: string; timeZone: string; live: boolean }) {
  return <AttemptsView attempts={useAttempts(slug, deliveryId, live)} timeZone={timeZone} />;
}

/** The attempts of one delivery, however they were asked for (the owners' settings, the back office). */
export function AttemptsView({ attempts, timeZone }: { attempts: UseQueryResult<Page<HookAttempt>>; timeZone: string }) {
  const { t } = useTranslation();
  if (attempts.isPending) return <Text size="sm">{t("common.loading")}</Text>;
  if (attempts.isError) return <Text size="sm" c="red">{describeError(attempts.error, t)}</Text>;
  if (!attempts.data.items.length) return <Text size="sm" c="dimmed">{t("integrations.deliveries.noAttempts")}</Text>;
  const headers = ["attempt", "time", "duration", "code", "response"].map((key) => t(`integrations.deliveries.${key}`));
  return (
    <DataTable framing="bare" withTableBorder verticalSpacing={4} fz="sm" aria-label={t("integrations.deliveries.attemptsTable")} headers={headers}>
      {attempts.data.items.map((attempt) => (
        <Table.Tr key={attempt.id}>
          <Table.Td>{attempt.number}</Table.Td>
          <Table.Td>{formatMoment(attempt.attempted_at, timeZone, currentLanguage())}</Table.Td>
          <Table.Td>{t("integrations.deliveries.durationMs", { ms: formatNumber(attempt.duration_ms, currentLanguage()) })}</Table.Td>
          <Table.Td>
            <Text size="sm" c={attempt.succeeded ? "green" : "red"} fw={500}>
              {attempt.status_code ?? "—"}
            </Text>
          </Table.Td>
          <Table.Td maw={420}>
            {attempt.response_body || attempt.error ? (
              <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-word", maxHeight: 160, overflow: "auto" }}>
                {[attempt.error, attempt.response_body].filter(Boolean).join("\n")}
              </Code>
            ) : (
              <Text size="sm" c="dimmed">
                {t("integrations.deliveries.noResponse")}
              </Text>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
