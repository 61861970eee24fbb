import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { undeleteTrash, type TrashItem } from "../../api/trash";
import type { Tenant } from "../../api/types";
import { countText } from "../../app/components/count";
import { describeError } from "../../app/components/errors";
import { Heading } from "../../app/components/Heading";
import { currentLanguage } from "../../i18n";
import { blueprintKeys } from "../../api/queries/blueprints";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { formatDateTime } from "../../app/format";
import { AttachDialog } from "./AttachDialog";
import { PurgeDialog } from "./PurgeDialog";
import { trashKeys, type useTrashList } from "../../api/queries/trash";
import { LoadMore } from "../../app/components/LoadMore";
import { pagedItems } from "../../api/queries/shared";

type Dialog = { kind: "attach" | "purge"; item: TrashItem } | null;

/** Deleted blueprints (owners and admins): restore, attach their records elsewhere, or delete for good. */
export function BlueprintTrash({ tenant, query }: { tenant: Tenant; query: ReturnType<typeof useTrashList> }) {
  const { t } = useTranslation();
  const slug = tenant.slug;
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const restore = useMutation({
    mutationFn: (item: TrashItem) => undeleteTrash(slug, item.id),
    onSuccess: (_, item) => {
      notifications.show({ message: t("trash.restored", { name: item.name }), color: "green" });
      void queryClient.invalidateQueries({ queryKey: trashKeys.list(slug) });
      void queryClient.invalidateQueries({ queryKey: blueprintKeys.all(slug) });
    },
  });
  const items = pagedItems(query.data);

  // The dialogs keep their place while the item they act on leaves the list (and the section with it).
  return (
    <>
      {query.isError && <ProblemAlert message={describeError(query.error, t)} />}
      {items.length > 0 && (
        <Stack gap="sm" component="section" aria-labelledby="trash-blueprints">
          <Heading level={2} size="h3" id="trash-blueprints" title={t("trash.blueprintsTitle")} intro={t("trash.blueprintsIntro")} />
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {items.map((item) => (
              <TrashEntry
                key={item.id}
                item={item}
                timeZone={tenant.timezone}
                restoring={restore.isPending && restore.variables?.id === item.id}
                failed={restore.isError && restore.variables?.id === item.id ? restore.error : null}
                onRestore={() => restore.mutate(item)}
                onDialog={(kind) => setDialog({ kind, item })}
              />
            ))}
          </Stack>
          <LoadMore query={query} label={t("trash.showMore")} />
        </Stack>
      )}
      {dialog?.kind === "attach" && <AttachDialog slug={slug} item={dialog.item} onClose={() => setDialog(null)} />}
      {dialog?.kind === "purge" && <PurgeDialog slug={slug} item={dialog.item} onClose={() => setDialog(null)} />}
    </>
  );
}

interface TrashEntryProps {
  item: TrashItem;
  timeZone: string;
  restoring: boolean;
  failed: unknown;
  onRestore: () => void;
  onDialog: (kind: "attach" | "purge") => void;
}

/** One deleted blueprint with what can be done with it. */
function TrashEntry({ item, timeZone, restoring, failed, onRestore, onDialog }: TrashEntryProps) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Heading
            level={3}
            size="h4"
            title={item.name}
            intro={`${t("trash.deletedAt", { date: formatDateTime(item.deleted_at, timeZone, currentLanguage()) })} · ${countText(t, "trash.records", item.entity_count)}`}
          />
          <Group gap="xs">
            <Button variant="light" onClick={onRestore} loading={restoring}>
              {t("trash.restore")}
            </Button>
            <Button variant="default" onClick={() => onDialog("attach")}>
              {t("trash.attach")}
            </Button>
            <Button variant="subtle" color="red" onClick={() => onDialog("purge")}>
              {t("trash.purge")}
            </Button>
          </Group>
        </Group>
        {failed != null && (
          <Alert color="red" variant="light" role="alert">
            <Stack gap={6}>
              <Text size="sm">{describeError(failed, t)}</Text>
              {failed instanceof ApiError && failed.status === 422 && (
                <Group gap="sm">
                  <Text size="sm">{t("trash.attachInstead")}</Text>
                  <Button size="xs" variant="white" color="red" onClick={() => onDialog("attach")}>
                    {t("trash.attachInsteadButton")}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
