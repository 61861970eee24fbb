import { Anchor, Button, Checkbox, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { startExport, type ExportInput, type ExportResult } from "../../api/transfers";
import { countText } from "../../app/components/count";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { JobProgress } from "../../app/components/JobProgress";
import { useRememberJob } from "../../app/components/useJob";

/** "Export CSV": exports what the grid shows (filter, sort, search) in the background, optionally Excel-friendly. */
export function ExportButton({ slug, query }: { slug: string; query: ExportInput }) {
  const { t } = useTranslation();
  const remember = useRememberJob();
  const [opened, setOpened] = useState(false);
  const [excel, setExcel] = useState(false);
  const start = useMutation({
    mutationFn: (input: ExportInput) => startExport(slug, input),
    onSuccess: (job) => remember(slug, job),
  });

  const close = () => {
    setOpened(false);
    setExcel(false);
    start.reset();
  };

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t("transfers.export")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("transfers.exportTitle")} centered>
        <Stack gap="md">
          {!start.data && (
            <>
              <Text size="sm">{t("transfers.exportIntro")}</Text>
              <Checkbox
                label={t("transfers.excel")}
                description={t("transfers.excelHint")}
                checked={excel}
                disabled={start.isPending}
                onChange={(event) => setExcel(event.currentTarget.checked)}
              />
            </>
          )}
          {start.isPending && <Text size="sm">{t("jobs.starting")}</Text>}
          <ProblemAlert message={start.isError ? describeError(start.error, t) : null} />
          {start.data && (
            <JobProgress<ExportResult>
              slug={slug}
              jobId={start.data.id}
              renderDone={(result) => (
                <Stack gap={4}>
                  <Text size="sm">{countText(t, "transfers.exported", result.rows)}</Text>
                  <Text size="sm">
                    <Anchor href={result.download_url} download={result.name}>
                      {t("transfers.download")}
                    </Anchor>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t("transfers.downloadHint")}
                  </Text>
                </Stack>
              )}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {start.data ? t("common.close") : t("common.cancel")}
            </Button>
            {!start.data && (
              <Button onClick={() => start.mutate({ ...query, excel })} loading={start.isPending}>
                {t("transfers.exportStart")}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
