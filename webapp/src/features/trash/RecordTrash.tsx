import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError } from "../../app/components/errors";
import { IconTrash } from "../../app/components/icons";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { paths } from "../../app/paths";
import { canManage } from "../../app/roles";
import { usePurgeRecord, useRestoreRecord, type useTrashedRecords } from "../../api/queries/trash";
import { RecordEntry } from "./RecordEntry";
import { LoadMore } from "../../app/components/LoadMore";
import { pagedItems } from "../../api/queries/shared";

interface RecordTrashProps {
  tenant: Tenant;
  query: ReturnType<typeof useTrashedRecords>;
  /** Nothing else is in the Trash either: the empty state speaks for the whole Trash. */
  trashEmpty: boolean;
}

/** Deleted records, newest first: editors restore them, owners and admins may also delete them for good. */
export function RecordTrash({ tenant, query, trashEmpty }: RecordTrashProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const slug = tenant.slug;
  const restore = useRestoreRecord(slug);
  const purge = usePurgeRecord(slug);
  const [purging, setPurging] = useState<{ id: string; title: string } | null>(null);
  const items = pagedItems(query.data);

  const restoreOne = (id: string, title: string) =>
    restore.mutate(id, {
      onSuccess: (entity) =>
        notifications.show({
          color: "green",
          message: (
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm">{t("trash.recordRestored", { title })}</Text>
              <Button size="compact-sm" variant="light" onClick={() => void navigate(paths.record(slug, entity.id))}>
                {t("trash.openRestored")}
              </Button>
            </Group>
          ),
        }),
      onError: (error) => notifications.show({ color: "red", message: describeError(error, t) }),
    });

  const confirmPurge = () => {
    if (!purging) return;
    purge.mutate(purging.id, {
      onSuccess: () => {
        setPurging(null);
        notifications.show({ color: "green", message: t("trash.recordPurged") });
      },
    });
  };

  let content;
  if (query.isPending) content = <PageLoader />;
  else if (query.isError) content = <ProblemAlert message={describeError(query.error, t)} />;
  else if (!items.length)
    content = (
      <EmptyState title={trashEmpty ? t("trash.empty") : t("trash.recordsEmpty")} icon={<IconTrash size={24} />} order={3}>
        {trashEmpty ? t("trash.emptyBody") : t("trash.recordsEmptyBody")}
      </EmptyState>
    );
  else
    content = (
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("trash.recordsList")}>
        {items.map((item) => (
          <RecordEntry
            key={item.id}
            slug={slug}
            item={item}
            timeZone={tenant.timezone}
            canPurge={canManage(tenant)}
            restoring={restore.isPending && restore.variables === item.id}
            onRestore={(title) => restoreOne(item.id, title)}
            onPurge={(title) => {
              purge.reset();
              setPurging({ id: item.id, title });
            }}
          />
        ))}
      </Stack>
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby="trash-records">
      <Title order={2} size="h3" id="trash-records">
        {t("trash.recordsTitle")}
      </Title>
      {content}
      <LoadMore query={query} label={t("trash.showMore")} />
      <ConfirmDialog
        opened={purging !== null}
        title={t("trash.purgeRecordTitle")}
        body={t("trash.purgeRecordBody", { title: purging?.title ?? "" })}
        confirmLabel={t("trash.purgeRecord")}
        onConfirm={confirmPurge}
        onClose={() => setPurging(null)}
        loading={purge.isPending}
        problem={purge.isError ? describeError(purge.error, t) : null}
        danger
      />
    </Stack>
  );
}
