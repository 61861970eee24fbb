import { Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { restoreRecord } from "../../api/trash";
import { describeError } from "../../app/components/errors";
import { useRefreshRecords } from "../../api/queries/trash";

const UNDO_SECONDS = 10;

function DeletedMessage({ text, hint, undo, onUndo }: { text: string; hint: string; undo: string; onUndo: () => void }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Stack gap={0}>
        <Text size="sm">{text}</Text>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      </Stack>
      <Button size="compact-sm" variant="light" onClick={onUndo}>
        {undo}
      </Button>
    </Group>
  );
}

/**
 * After a record went to the Trash: a notice with "Undo" that brings it back at once.
 * It calls the API itself (not a mutation hook) because the page that deleted the
 * record may be gone by the time someone presses Undo.
 */
export function useDeletedNotice(slug: string) {
  const { t } = useTranslation();
  const refresh = useRefreshRecords(slug);
  return (id: string, onRestored?: () => void) => {
    const notice = `record-deleted-${id}`;
    const undo = () => {
      notifications.update({ id: notice, message: t("records.restoring"), loading: true, autoClose: false, color: "blue" });
      restoreRecord(slug, id).then(
        () => {
          refresh();
          notifications.update({ id: notice, message: t("records.restored"), loading: false, color: "green", autoClose: 4000 });
          onRestored?.();
        },
        (error: unknown) =>
          notifications.update({ id: notice, message: describeError(error, t), loading: false, color: "red", autoClose: 8000 }),
      );
    };
    notifications.show({
      id: notice,
      color: "green",
      autoClose: UNDO_SECONDS * 1000,
      message: <DeletedMessage text={t("records.deleted")} hint={t("records.deletedHint")} undo={t("records.undo")} onUndo={undo} />,
    });
  };
}
