import { Button, Group, Input, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import { ApiError } from "../../api/client";
import type { Job } from "../../api/jobs";
import {
  checkImport,
  rereadImport,
  startImport,
  uploadImport,
  type ImportCheck,
  type ImportEncoding,
  type ImportLocale,
  type ImportMapping,
  type ImportOptions,
  type ImportResult,
  type ImportUpload,
} from "../../api/transfers";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { blueprintKeys } from "../../api/queries/blueprints";
import { entityKeys } from "../../app/entityKeys";
import { JobProgress } from "../../app/components/JobProgress";
import { useRememberJob } from "../../app/components/useJob";
import { CheckReport } from "./CheckReport";
import { FileSettings } from "./FileSettings";
import { importOutcome, ImportResultView } from "./ImportResultView";
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

/**
 * "Import CSV": upload a file, match its columns and say how it is written, check every row
 * (nothing is written), then import the valid rows in the background.
 */
export function ImportButton({ slug, blueprintKey, columns }: ImportButtonProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remember = useRememberJob();
  const fileId = useId();
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<ImportUpload | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [locale, setLocale] = useState<ImportLocale>("en");
  const [checked, setChecked] = useState<ImportCheck | null>(null);
  const read = (result: ImportUpload) => {
    setFile(result);
    setMapping(initialMapping(result.headers, result.mapping ?? {}, columns));
  };
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadImport(slug, blueprintKey, chosen),
    onSuccess: (result) => {
      read(result);
      setLocale(result.delimiter === ";" ? "de" : "en"); // a semicolon goes with decimal commas
    },
  });
  const reread = useMutation({
    mutationFn: ({ encoding, delimiter }: { encoding: ImportEncoding; delimiter: string }) =>
      rereadImport(slug, file!.file_id, { blueprint: blueprintKey, encoding, delimiter }),
    onSuccess: read,
  });
  const options = (): ImportOptions => ({
    blueprint: blueprintKey,
    rows: file!.rows,
    mapping,
    encoding: file!.encoding,
    delimiter: file!.delimiter,
    locale,
  });
  const check = useMutation({ mutationFn: () => checkImport(slug, file!.file_id, options()), onSuccess: (job) => remember(slug, job) });
  const start = useMutation({ mutationFn: () => startImport(slug, file!.file_id, options()), onSuccess: (job) => remember(slug, job) });
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: [...entityKeys.all(slug), "list"] });
    void queryClient.invalidateQueries({ queryKey: blueprintKeys.all(slug) });
  }, [queryClient, slug]);
  const onChecked = useCallback((job: Job<ImportCheck>) => {
    if (job.status === "done" && job.result) setChecked(job.result);
  }, []);

  const back = () => {
    check.reset();
    setChecked(null);
  };
  const reset = () => {
    back();
    upload.reset();
    reread.reset();
    start.reset();
    setFile(null);
    setMapping({});
  };
  const close = () => {
    setOpened(false);
    reset();
  };

  const uploadError = upload.error instanceof ApiError ? upload.error.fieldErrors.file?.join(" ") : undefined;
  const startErrors = mappingErrors(check.error);
  const nothingMapped = !Object.values(mapping).some(Boolean);
  const blocked = nothingMapped || duplicateTargets(mapping).length > 0 || reread.isPending;
  const job = start.data;

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t("transfers.import")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("transfers.importTitle")} size="xl" centered>
        <Stack gap="md">
          {!file && (
            <>
              <Text size="sm">{t("transfers.importIntro")}</Text>
              <div>
                <Input.Label htmlFor={fileId}>{t("transfers.file")}</Input.Label>
                <Input.Description mb={6}>{t("transfers.fileHint")}</Input.Description>
                <input
                  id={fileId}
                  type="file"
                  accept=".csv,.txt,text/csv,text/plain"
                  disabled={upload.isPending}
                  aria-invalid={uploadError ? true : undefined}
                  onChange={(event) => {
                    const chosen = event.currentTarget.files?.[0];
                    if (chosen) upload.mutate(chosen);
                  }}
                />
                {uploadError && <Input.Error mt={6}>{uploadError}</Input.Error>}
              </div>
              {upload.isPending && <Text size="sm">{t("transfers.reading")}</Text>}
              <ProblemAlert message={upload.isError && !uploadError ? describeError(upload.error, t) : null} />
            </>
          )}
          {file && !check.data && (
            <>
              <FileSettings
                encoding={file.encoding}
                delimiter={file.delimiter}
                locale={locale}
                disabled={reread.isPending}
                onRead={(encoding, delimiter) => reread.mutate({ encoding, delimiter })}
                onLocale={setLocale}
              />
              {reread.isPending && <Text size="sm">{t("transfers.rereading")}</Text>}
              <ProblemAlert message={reread.isError ? describeError(reread.error, t) : null} />
              <MappingStep upload={file} columns={columns} mapping={mapping} onChange={setMapping} errors={startErrors.byHeader} />
              <ProblemAlert
                message={check.isError ? (startErrors.rest.length ? startErrors.rest.join(" ") : Object.keys(startErrors.byHeader).length ? null : describeError(check.error, t)) : null}
              />
              {nothingMapped && <Text size="sm">{t("transfers.nothingMapped")}</Text>}
              <Group justify="space-between">
                <Button variant="subtle" onClick={reset}>
                  {t("transfers.otherFile")}
                </Button>
                <Button onClick={() => check.mutate()} loading={check.isPending} disabled={blocked}>
                  {t("transfers.check")}
                </Button>
              </Group>
            </>
          )}
          {check.data && !checked && (
            <>
              <Text size="sm">{t("transfers.checking")}</Text>
              <JobProgress<ImportCheck> slug={slug} jobId={check.data.id} onFinished={onChecked} />
              <Group>
                <Button variant="subtle" onClick={back}>
                  {t("transfers.back")}
                </Button>
              </Group>
            </>
          )}
          {checked && !job && (
            <>
              <CheckReport check={checked} columns={columns} importing={start.isPending} onImport={() => start.mutate()} onBack={back} onCancel={close} />
              <ProblemAlert message={start.isError ? describeError(start.error, t) : null} />
            </>
          )}
          {job && (
            <JobProgress<ImportResult>
              slug={slug}
              jobId={job.id}
              onFinished={refresh}
              outcome={(result) => importOutcome(result, t)}
              renderDone={(result) => <ImportResultView result={result} columns={columns} />}
            />
          )}
          {(job || !file) && (
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
