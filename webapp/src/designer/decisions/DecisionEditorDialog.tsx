/**
 * A decision table opened for editing: dmn-js is loaded (with its own chunk
 * and styles) only now, and Save sends the document back to the server,
 * which checks it before keeping it.
 */
import { Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowDecision } from "../../api/flows";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { DialogActions } from "../../app/components/DialogActions";

const DmnTableEditor = lazy(() => import("./DmnTableEditor"));

export interface DecisionEditorDialogProps {
  decision: FlowDecision;
  canEdit: boolean;
  /** Saves the edited document; a rejection's message is shown in the dialog. */
  onSave: (xml: string) => Promise<void>;
  onClose: () => void;
  describe: (error: unknown) => string;
}

export function DecisionEditorDialog({ decision, canEdit, onSave, onClose, describe }: DecisionEditorDialogProps) {
  const { t } = useTranslation();
  const read = useRef<(() => Promise<string>) | null>(null);
  const [ready, setReady] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (!read.current) return;
    setSaving(true);
    setError(null);
    try {
      await onSave(await read.current());
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="90%" title={t("decisions.editorTitle", { name: decision.name })}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("decisions.editorHelp")}
        </Text>
        <ProblemAlert message={error} />
        <Suspense fallback={<Group gap="xs"><Loader size="sm" /><Text size="sm">{t("decisions.loading")}</Text></Group>}>
          <DmnTableEditor
            xml={decision.xml}
            label={t("decisions.editorTitle", { name: decision.name })}
            onReady={(reader) => {
              read.current = reader;
              setReady(true);
            }}
            onLoadError={(reason) => setError(t("decisions.loadFailed", { reason }))}
          />
        </Suspense>
        <DialogActions onCancel={onClose} cancelLabel={t("common.close")}>
          {canEdit && (
            <Button onClick={() => void save()} loading={saving} disabled={!ready}>
              {t("decisions.save")}
            </Button>
          )}
        </DialogActions>
      </Stack>
    </Modal>
  );
}
