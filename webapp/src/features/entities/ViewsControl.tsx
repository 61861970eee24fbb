import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import type { SavedView } from "./views";

interface ViewsControlProps {
  views: SavedView[];
  current: string | null;
  onSelect: (view: SavedView) => void;
  onSave: (name: string) => void;
  onRemove: (name: string) => void;
}

/** Saved views: pick one, save the current filters, sorting and columns, or remove one. */
export function ViewsControl({ views, current, onSelect, onSave, onRemove }: ViewsControlProps) {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    if (!name.trim()) {
      setError(t("views.nameRequired"));
      return;
    }
    onSave(name.trim());
    notifications.show({ message: t("views.saved"), color: "green" });
    dialog.close();
  };

  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <LabelledSelect
        label={t("views.views")}
        hideLabel
        placeholder={t("views.placeholder")}
        data={views.map((view) => view.name)}
        value={current}
        onChange={(selected) => {
          const view = views.find((candidate) => candidate.name === selected);
          if (view) onSelect(view);
        }}
        disabled={!views.length}
        allowDeselect={false}
        w={210}
      />
      {current && (
        <Button
          variant="subtle"
          color="gray"
          onClick={() => {
            onRemove(current);
            notifications.show({ message: t("views.removed"), color: "gray" });
          }}
        >
          {t("views.remove")}
        </Button>
      )}
      <Button
        variant="default"
        onClick={() => {
          setName(current ?? "");
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
            save();
          }}
          noValidate
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t("views.hint")}
            </Text>
            <TextInput label={t("views.name")} value={name} onChange={(event) => setName(event.currentTarget.value)} error={error} data-autofocus />
            <Group justify="flex-end">
              <Button variant="default" onClick={dialog.close}>
                {t("common.cancel")}
              </Button>
              <Button type="submit">{t("views.confirm")}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
