import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { useRef, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../app/components/ConfirmDialog";
import type { ModelerHandle } from "../../../designer/modelerHandle";

/** Files above this size are refused before reading: diagrams are far smaller. */
const MAX_BYTES = 2 * 1024 * 1024;

/** What a .bpmn or .xml file the import takes holds; null when it is too large to be a diagram. */
export async function readDiagramFile(file: File): Promise<string | null> {
  return file.size > MAX_BYTES ? null : file.text();
}

/** What the import's file input takes. */
export const DIAGRAM_FILES = ".bpmn,.xml,application/xml,text/xml";

/** Saves text as a file in the browser's downloads. */
export function downloadText(fileName: string, text: string, type = "application/xml") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

interface ImportExportProps {
  handle: () => ModelerHandle | null;
  fileName: string;
  dirty: boolean;
  disabled: boolean;
  /** The imported diagram is on the canvas now. */
  onImported: () => void;
}

type Outcome = { kind: "error"; message: string } | { kind: "done"; name: string; warnings: string[] } | null;

/**
 * "Import BPMN" (the controls) reads a .bpmn or .xml file from another modeler into the canvas
 * (asking first when there are unsaved changes); "Export BPMN" downloads the drawing.
 */
export function useImportExport({ handle, fileName, dirty, disabled, onImported }: ImportExportProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (file: File) => {
    const modeler = handle();
    if (!modeler) return;
    setConfirming(null);
    const text = await readDiagramFile(file);
    if (text === null) {
      setOutcome({ kind: "error", message: t("flows.import.tooBig", { name: file.name }) });
      return;
    }
    setBusy(true);
    const before = await modeler.exportXml();
    try {
      const { warnings } = await modeler.importXml(text);
      setOutcome({ kind: "done", name: file.name, warnings });
      onImported();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setOutcome({ kind: "error", message: t("flows.import.failed", { name: file.name, reason }) });
      // A half-read file leaves nothing behind: the drawing from before comes back.
      await modeler.importXml(before).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (dirty) setConfirming(file);
    else void load(file);
  };

  const exportXml = async () => {
    const modeler = handle();
    if (modeler) downloadText(fileName, await modeler.exportXml());
  };

  const controls = (
    <>
      <input
        ref={input}
        type="file"
        accept={DIAGRAM_FILES}
        aria-label={t("flows.import.fileLabel")}
        hidden
        onChange={picked}
      />
      <Group gap="xs">
        <Button variant="default" onClick={() => input.current?.click()} loading={busy} disabled={disabled}>
          {t("flows.import.button")}
        </Button>
        <Button variant="default" onClick={() => void exportXml()}>
          {t("flows.export.button")}
        </Button>
      </Group>
    </>
  );

  const messages = (
    <>
      {outcome?.kind === "error" && (
        <Alert color="red" variant="light" role="alert" title={t("flows.import.failedTitle")} withCloseButton closeButtonLabel={t("common.close")} onClose={() => setOutcome(null)}>
          {outcome.message}
        </Alert>
      )}
      {outcome?.kind === "done" && (
        <Alert color={outcome.warnings.length ? "yellow" : "green"} variant="light" role="status" withCloseButton closeButtonLabel={t("common.close")} onClose={() => setOutcome(null)}>
          <Stack gap={4}>
            <Text size="sm">{t("flows.import.done", { name: outcome.name })}</Text>
            {outcome.warnings.length > 0 && (
              <>
                <Text size="sm">{t("flows.import.warnings", { count: outcome.warnings.length })}</Text>
                <List size="sm">
                  {outcome.warnings.slice(0, 10).map((warning, index) => (
                    <List.Item key={index}>{warning}</List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Alert>
      )}
      <ConfirmDialog
        opened={!!confirming}
        title={t("flows.import.replaceTitle")}
        body={t("flows.import.replaceBody", { name: confirming?.name ?? "" })}
        confirmLabel={t("flows.import.replace")}
        onConfirm={() => confirming && void load(confirming)}
        onClose={() => setConfirming(null)}
        danger
      />
    </>
  );

  return { controls, messages };
}
