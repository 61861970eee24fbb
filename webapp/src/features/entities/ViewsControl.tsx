import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { LabelledSelect } from "../../app/components/LabelledSelect";

interface ViewsControlProps {
  views: { id: string; name: string }[];
  /** Id of the view the grid shows, if it still matches one. */
  current: string | null;
  onSelect: (id: string) => void;
  /** Saves under a name; resolves to a message for the name field, or null when saved. */
  onSave: (name: string) => Promise<string | null>;
  /** Removes a view; resolves to a message when that failed, or null. */
  onRemove: (id: string) => Promise<string | null>;
  loading?: boolean;
}

/** Saved views: pick one, save the current filters, sorting and columns, or remove one. */
export function ViewsControl({ views, current, onSelect, onSave, onRemove, loading }: ViewsControlProps) {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"save" | "remove" | null>(null);
  const [asking, setAsking] = useState(false);
  const currentName = views.find((view) => view.id === current)?.name ?? null;

  const save = async () => {
    if (!name.trim()) {
      setError(t("views.nameRequired"));
      return;
    }
    setBusy("save");
    const problem = await onSave(name.trim());
    setBusy(null);
    if (problem) {
      setError(problem);
      return;
    }
    notifications.show({ message: t("views.saved"), color: "green" });
    dialog.close();
  };

  const remove = async (id: string) => {
    setBusy("remove");
    const problem = await onRemove(id);
    setBusy(null);
    setAsking(false);
    notifications.show(problem ? { message: problem, color: "red" } : { message: t("views.removed"), color: "gray" });
  };

  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <LabelledSelect
        label={t("views.views")}
        hideLabel
        placeholder={loading ? t("common.loading") : t("views.placeholder")}
        data={views.map((view) => ({ value: view.id, label: view.name }))}
        value={currentName ? current : null}
        onChange={(selected) => selected && onSelect(selected)}
        disabled={!views.length}
        allowDeselect={false}
        w={210}
      />
      {current && currentName && (
        <>
          <Button variant="subtle" color="gray" onClick={() => setAsking(true)}>
            {t("views.remove")}
          </Button>
          <ConfirmDialog
            opened={asking}
            title={t("views.removeTitle", { name: currentName })}
            body={t("views.removeBody")}
            confirmLabel={t("views.removeConfirm")}
            onConfirm={() => void remove(current)}
            onClose={() => setAsking(false)}
            loading={busy === "remove"}
            danger
          />
        </>
      )}
      <Button
        variant="default"
        onClick={() => {
          setName(currentName ?? "");
          setError(null);
          dialog.open();
        }}
      >
        {t("views.save")}
      </Button>
      <Modal opened={opened} onClose={dialog.close} title={t("views.save")} centered>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          noValidate
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t("views.hint")}
            </Text>
            <TextInput
              label={t("views.name")}
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setError(null);
              }}
              error={error}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={dialog.close}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={busy === "save"}>
                {t("views.confirm")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
