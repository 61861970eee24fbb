import { Button, Modal, NumberInput, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { attachTrash, type AttachInput, type TrashItem } from "../../api/trash";
import { countText } from "../../app/components/count";
import { describeError } from "../../app/components/errors";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { blueprintKeys, useBlueprint } from "../../api/queries/blueprints";
import { usePublishedBlueprints } from "../../app/usePublishedBlueprints";
import { entityKeys } from "../../app/entityKeys";
import { JobProgress } from "../../app/components/JobProgress";
import { useRememberJob } from "../../app/components/useJob";
import { trashKeys } from "../../api/queries/trash";
import { DialogActions } from "../../app/components/DialogActions";

const FIELDS = ["blueprint", "from_version", "to_version"] as const;

/** Messages per field of a 422 (`attach.from_version` or `from_version`), and the rest. */
function attachErrors(error: unknown): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  if (error instanceof ApiError) {
    for (const [key, messages] of Object.entries(error.fieldErrors)) {
      const name = key.replace(/^attach\./, "").split(".")[0];
      if ((FIELDS as readonly string[]).includes(name)) fields[name] = messages.join(" ");
      else rest.push(...messages);
    }
  }
  return { fields, rest };
}

/** Moves a deleted blueprint's records to a live blueprint, between the chosen versions. */
export function AttachDialog({ slug, item, onClose }: { slug: string; item: TrashItem; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remember = useRememberJob();
  const { list, published: live } = usePublishedBlueprints(slug);
  const [target, setTarget] = useState<string | null>(null);
  const [fromVersion, setFromVersion] = useState<number | string>(1);
  const [toVersion, setToVersion] = useState<string | null>(null);
  const chosen = useBlueprint(slug, target);
  const versions = [...(chosen.data?.versions ?? [])].sort((a, b) => b.number - a.number);
  const attach = useMutation({
    mutationFn: (input: AttachInput) => attachTrash(slug, item.id, input),
    onSuccess: (job) => remember(slug, job),
  });
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trashKeys.list(slug) });
    void queryClient.invalidateQueries({ queryKey: blueprintKeys.all(slug) });
    void queryClient.invalidateQueries({ queryKey: entityKeys.all(slug) });
  }, [queryClient, slug]);

  useEffect(() => {
    if (versions.length && !versions.some((version) => String(version.number) === toVersion)) setToVersion(String(versions[0].number));
  }, [chosen.data]);

  const errors = attachErrors(attach.error);
  const from = Number(fromVersion);
  const ready = !!target && !!toVersion && Number.isInteger(from) && from >= 1;
  const targetName = live.find((blueprint) => blueprint.key === target)?.name ?? target ?? "";

  return (
    <Modal opened onClose={onClose} title={t("trash.attachTitle", { name: item.name })} centered size="lg">
      {attach.data ? (
        <Stack gap="md">
          <JobProgress
            slug={slug}
            jobId={attach.data.id}
            onFinished={refresh}
            renderDone={() => <Text size="sm">{t("trash.attached", { name: targetName })}</Text>}
          />
          <DialogActions onCancel={onClose} cancelLabel={t("common.close")} />
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (ready) attach.mutate({ blueprint: target!, from_version: from, to_version: Number(toVersion) });
          }}
          noValidate
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t("trash.attachIntro")} {countText(t, "trash.records", item.entity_count)}
            </Text>
            <LabelledSelect
              label={t("trash.blueprint")}
              data={live.map((blueprint) => ({ value: blueprint.key, label: blueprint.name }))}
              value={target}
              onChange={(value) => {
                setTarget(value);
                setToVersion(null);
              }}
              placeholder={list.isPending ? t("common.loading") : t("trash.chooseBlueprint")}
              nothingFoundMessage={t("trash.noLiveBlueprints")}
              error={errors.fields.blueprint}
              searchable
              data-autofocus
            />
            <NumberInput
              label={t("trash.fromVersion")}
              description={t("trash.fromVersionHint", { name: item.name })}
              value={fromVersion}
              onChange={setFromVersion}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              error={errors.fields.from_version}
            />
            <LabelledSelect
              label={t("trash.toVersion")}
              data={versions.map((version) => ({ value: String(version.number), label: t("migrations.version", { number: version.number }) }))}
              value={toVersion}
              onChange={setToVersion}
              disabled={!target}
              allowDeselect={false}
              error={errors.fields.to_version}
            />
            <ProblemAlert
              message={attach.isError ? (errors.rest.length ? errors.rest.join(" ") : Object.keys(errors.fields).length ? null : describeError(attach.error, t)) : null}
            />
            <DialogActions onCancel={onClose}>
              <Button type="submit" disabled={!ready} loading={attach.isPending}>
                {t("trash.attachConfirm")}
              </Button>
            </DialogActions>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
