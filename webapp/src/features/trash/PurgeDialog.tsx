import { Button, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { purgeTrash, type TrashItem } from "../../api/trash";
import { countText } from "../../app/components/count";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { JobProgress } from "../../app/components/JobProgress";
import { useRememberJob } from "../../app/components/useJob";
import { trashKeys } from "../../api/queries/trash";
import { DialogActions } from "../../app/components/DialogActions";

/** "Delete for good": the person types the blueprint's name, then it and its records are deleted in the background. */
export function PurgeDialog({ slug, item, onClose }: { slug: string; item: TrashItem; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remember = useRememberJob();
  const [typed, setTyped] = useState("");
  const purge = useMutation({
    mutationFn: () => purgeTrash(slug, item.id),
    onSuccess: (job) => remember(slug, job),
  });
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trashKeys.list(slug) }), [queryClient, slug]);
  const matches = typed.trim() === item.name.trim();

  return (
    <Modal opened onClose={onClose} title={t("trash.purgeTitle", { name: item.name })} centered>
      <Stack gap="md">
        {purge.data ? (
          <JobProgress slug={slug} jobId={purge.data.id} onFinished={refresh} renderDone={() => <Text size="sm">{t("trash.purged", { name: item.name })}</Text>} />
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (matches) purge.mutate();
            }}
            noValidate
          >
            <Stack gap="md">
              <Text size="sm">
                {t("trash.purgeBody")} {countText(t, "trash.records", item.entity_count)}
              </Text>
              <TextInput
                label={t("trash.typeName")}
                description={t("trash.typeNameHint", { name: item.name })}
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
                autoComplete="off"
                data-autofocus
              />
              <ProblemAlert message={purge.isError ? describeError(purge.error, t) : null} />
              <DialogActions onCancel={onClose}>
                <Button type="submit" color="red" disabled={!matches} loading={purge.isPending}>
                  {t("trash.purge")}
                </Button>
              </DialogActions>
            </Stack>
          </form>
        )}
        {purge.data && (
          <DialogActions onCancel={onClose} cancelLabel={t("common.close")} />
        )}
      </Stack>
    </Modal>
  );
}
