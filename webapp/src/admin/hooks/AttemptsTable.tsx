import { Code, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { listAdminHookAttempts } from "../../api/adminHooks";
import { describeError } from "../../app/components/errors";
import { formatMoment } from "../../features/integrations/format";
import { currentLanguage } from "../../i18n";
import { browserZone } from "../format";
import { adminKeys } from "../queries";

/** Each attempt of one delivery, as the back office sees it: when, how long, the status code and the start of the answer. */
export function AttemptsTable({ deliveryId, live }: { deliveryId: string; live: boolean }) {
  const { t } = useTranslation();
  const attempts = useQuery({
    queryKey: adminKeys.list("hookAttempts", deliveryId),
    queryFn: ({ signal }) => listAdminHookAttempts(deliveryId, signal),
    refetchInterval: live ? 5000 : false,
  });
  if (attempts.isPending) return <Text size="sm">{t("common.loading")}</Text>;
  if (attempts.isError) return <Text size="sm" c="red">{describeError(attempts.error, t)}</Text>;
  if (!attempts.data.items.length) return <Text size="sm" c="dimmed">{t("admin.hookDeliveries.noAttempts")}</Text>;
  const language = currentLanguage();
  const zone = browserZone();
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={t("admin.hookDeliveries.attemptsTable")}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("admin.hookDeliveries.attempt")}</Table.Th>
          <Table.Th>{t("admin.hookDeliveries.attemptTime")}</Table.Th>
          <Table.Th>{t("admin.hookDeliveries.duration")}</Table.Th>
          <Table.Th>{t("admin.hookDeliveries.code")}</Table.Th>
          <Table.Th>{t("admin.hookDeliveries.response")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {attempts.data.items.map((attempt) => (
          <Table.Tr key={attempt.id}>
            <Table.Td>{attempt.number}</Table.Td>
            <Table.Td>{formatMoment(attempt.attempted_at, zone, language)}</Table.Td>
            <Table.Td>{t("admin.hookDeliveries.durationMs", { ms: attempt.duration_ms.toLocaleString(language) })}</Table.Td>
            <Table.Td>
              <Text size="sm" c={attempt.succeeded ? "green.8" : "red.8"} fw={500}>
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
                  {t("admin.hookDeliveries.noResponse")}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
