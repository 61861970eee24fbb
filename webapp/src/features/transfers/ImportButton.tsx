import { Button, Group, Input, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import { ApiError } from "../../api/client";
import { startImport, uploadImport, type ImportMapping, type ImportResult } from "../../api/transfers";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { blueprintKeys } from "../blueprints/queries";
import { entityKeys } from "../../app/entityKeys";
import { JobProgress } from "../jobs/JobProgress";
import { useRememberJob } from "../jobs/useJob";
import { ImportResultView } from "./ImportResultView";
import { duplicateTargets, initialMapping } from "./mapping";
import { MappingStep } from "./MappingStep";

interface ImportButtonProps {
  slug: string;
  blueprintKey: string;
  /** The columns records are created with (the latest published version). */
  columns: Column[];
}

/** Splits a 422 into messages per CSV header (`mapping.<header>`) and the rest. */
function mappingErrors(error: unknown): { byHeader: Record<string, string>; rest: string[] } {
  const byHeader: Record<string, string> = {};
  const rest: string[] = [];
  if (error instanceof ApiError) {
    for (const [key, messages] of Object.entries(error.fieldErrors)) {
      if (key.startsWith("mapping.")) byHeader[key.slice(8)] = messages.join(" ");
      else rest.push(...messages);
    }
  }
  return { byHeader, rest };
}

/** "Import CSV": upload a file, match its columns, then create the records in the background. */
export function ImportButton({ slug, blueprintKey, columns }: ImportButtonProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remember = useRememberJob();
  const fileId = useId();
  const [opened, setOpened] = useState(false);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const upload = useMutation({
    mutationFn: (file: File) => uploadImport(slug, blueprintKey, file),
    onSuccess: (result) => setMapping(initialMapping(result.headers, result.mapping ?? {}, columns)),
  });
  const start = useMutation({
    mutationFn: () => startImport(slug, upload.data!.file_id, { blueprint: blueprintKey, rows: upload.data!.rows, mapping }),
    onSuccess: (job) => remember(slug, job),
  });
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: [...entityKeys.all(slug), "list"] });
    void queryClient.invalidateQueries({ queryKey: blueprintKeys.all(slug) });
  }, [queryClient, slug]);

  const reset = () => {
    upload.reset();
    start.reset();
    setMapping({});
  };
  const close = () => {
    setOpened(false);
    reset();
  };

  const uploadError = upload.error instanceof ApiError ? upload.error.fieldErrors.file?.join(" ") : undefined;
  const startErrors = mappingErrors(start.error);
  const nothingMapped = !Object.values(mapping).some(Boolean);
  const blocked = nothingMapped || duplicateTargets(mapping).length > 0;
  const job = start.data;

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t("transfers.import")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("transfers.importTitle")} size="xl" centered>
        <Stack gap="md">
          {!upload.data && (
            <>
              <Text size="sm" c="dimmed">
                {t("transfers.importIntro")}
              </Text>
              <div>
                <Input.Label htmlFor={fileId}>{t("transfers.file")}</Input.Label>
                <Input.Description mb={6}>{t("transfers.fileHint")}</Input.Description>
                <input
                  id={fileId}
                  type="file"
                  accept=".csv,text/csv"
                  disabled={upload.isPending}
                  aria-invalid={uploadError ? true : undefined}
                  onChange={(event) => {
                    const file = event.currentTarget.files?.[0];
                    if (file) upload.mutate(file);
                  }}
                />
                {uploadError && <Input.Error mt={6}>{uploadError}</Input.Error>}
              </div>
              {upload.isPending && <Text size="sm">{t("transfers.reading")}</Text>}
              <ProblemAlert message={upload.isError && !uploadError ? describeError(upload.error, t) : null} />
            </>
          )}
          {upload.data && !job && (
            <>
              <MappingStep upload={upload.data} columns={columns} mapping={mapping} onChange={setMapping} errors={startErrors.byHeader} />
              <ProblemAlert
                message={start.isError ? (startErrors.rest.length ? startErrors.rest.join(" ") : Object.keys(startErrors.byHeader).length ? null : describeError(start.error, t)) : null}
              />
              {nothingMapped && <Text size="sm" c="dimmed">{t("transfers.nothingMapped")}</Text>}
              <Group justify="space-between">
                <Button variant="subtle" onClick={reset}>
                  {t("transfers.otherFile")}
                </Button>
                <Button onClick={() => start.mutate()} loading={start.isPending} disabled={blocked}>
                  {t("transfers.start")}
                </Button>
              </Group>
            </>
          )}
          {job && (
            <JobProgress<ImportResult>
              slug={slug}
              jobId={job.id}
              onFinished={refresh}
              renderDone={(result) => <ImportResultView result={result} columns={columns} />}
            />
          )}
          {(job || !upload.data) && (
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("common.close")}
              </Button>
            </Group>
          )}
        </Stack>
      </Modal>
    </>
  );
}
