/** Asks what a new decision table is called, which field it decides on and which it sets. */
import { Button, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { StarterColumn } from "./starter";
import { DialogActions } from "../../app/components/DialogActions";

export interface NewDecision {
  name: string;
  input: StarterColumn;
  output: StarterColumn;
}

export interface NewDecisionDialogProps {
  columns: StarterColumn[];
  creating: boolean;
  onCreate: (choice: NewDecision) => void;
  onClose: () => void;
}

export function NewDecisionDialog({ columns, creating, onCreate, onClose }: NewDecisionDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [input, setInput] = useState<string | null>(null);
  const [output, setOutput] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const options = columns.map((column) => ({ value: column.key, label: column.label }));
  const byKey = (key: string | null) => columns.find((column) => column.key === key);

  const submit = () => {
    setTried(true);
    const from = byKey(input);
    const to = byKey(output);
    if (name.trim() && from && to) onCreate({ name: name.trim(), input: from, output: to });
  };

  return (
    <Modal opened onClose={onClose} title={t("decisions.newTitle")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("decisions.name")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={tried && !name.trim() ? t("decisions.nameRequired") : null}
            data-autofocus
          />
          <Select label={t("decisions.input")} data={options} value={input} onChange={setInput} error={tried && !input ? t("decisions.fieldRequired") : null} />
          <Select label={t("decisions.output")} data={options} value={output} onChange={setOutput} error={tried && !output ? t("decisions.fieldRequired") : null} />
          <DialogActions onCancel={onClose}>
            <Button type="submit" loading={creating}>
              {t("decisions.create")}
            </Button>
          </DialogActions>
        </Stack>
      </form>
    </Modal>
  );
}
