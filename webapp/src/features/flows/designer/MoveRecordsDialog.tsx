import { Button, Group, Loader, Modal, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { useTranslation } from "react-i18next";
import {
  previewInstanceMigration,
  startInstanceMigration,
  type InstanceMigrationItem,
  type InstanceMigrationResult,
} from "../../../api/flows";
import { countText } from "../../../app/components/count";
import { HeaderRow } from "../../../app/components/HeaderRow";
import { describeError } from "../../../app/components/errors";
import { ProblemAlert } from "../../../app/components/ProblemAlert";
import { refusalText } from "../../../app/components/refusalText";
import { JobProgress } from "../../../app/components/JobProgress";
import { useRememberJob } from "../../../app/components/useJob";
import { flowKeys } from "../queries";
import { MoveReport } from "./MoveReport";
import { RecordLink } from "./RecordLink";
import { formatNumber } from "../../../app/format";
import { DialogActions } from "../../../app/components/DialogActions";

interface MoveRecordsDialogProps {
  slug: string;
  flowKey: string;
  onClose: () => void;
}

function Outcome({ item }: { item: InstanceMigrationItem }) {
  const { t, i18n } = useTranslation();
  if (!item.ok) {
    const reason = item.reason ? refusalText({ ...item, message: item.reason }, t, i18n.language) : t("flows.move.noReason");
    return <Text size="sm" c="red">{t("flows.move.cannot", { reason })}</Text>;
  }
  return (
    <Text size="sm">
      {item.waiting.length ? t("flows.move.waitsAt", { steps: item.waiting.join(", ") }) : t("flows.move.finishes")}
    </Text>
  );
}

/**
 * "Move running records": a dry run on the real instances that are not on the
 * published version (what each would do, or why it cannot move), then the move
 * itself in the background, with progress and a report per record.
 */
export function MoveRecordsDialog({ slug, flowKey, onClose }: MoveRecordsDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remember = useRememberJob();
  const preview = useMutation({ mutationFn: () => previewInstanceMigration(slug, flowKey) });
  const start = useMutation({
    mutationFn: () => startInstanceMigration(slug, flowKey),
    onSuccess: (job) => remember(slug, job),
  });
  useEffect(() => preview.mutate(), []);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: flowKeys.all(slug) }), [queryClient, slug]);
  const data = preview.data;

  let body;
  if (start.data) {
    body = (
      <JobProgress<InstanceMigrationResult>
        slug={slug}
        jobId={start.data.id}
        onFinished={refresh}
        renderDone={(result) => <MoveReport slug={slug} result={result} />}
      />
    );
  } else if (preview.isPending) {
    body = (
      <Group gap="xs" role="status">
        <Loader size="sm" />
        <Text size="sm">{t("flows.move.checking")}</Text>
      </Group>
    );
  } else if (preview.isError) {
    body = <ProblemAlert message={describeError(preview.error, t)} />;
  } else if (data && data.count === 0) {
    body = <Text size="sm">{t("flows.move.nothing", { number: data.target.number })}</Text>;
  } else if (data) {
    body = (
      <Stack gap="sm">
        <Text size="sm">{t("flows.move.summary", { movable: formatNumber(data.movable), count: data.count, formatted: formatNumber(data.count), number: data.target.number })}</Text>
        <Table.ScrollContainer minWidth={560} mah={380}>
          <Table striped verticalSpacing={6} stickyHeader>
            <Table.Caption>{t("flows.move.caption")}</Table.Caption>
            <HeaderRow cells={[t("flows.move.recordHeader"), t("flows.move.fromHeader"), t("flows.move.outcomeHeader")]} />
            <Table.Tbody>
              {data.items.map((item) => (
                <Table.Tr key={item.instance_id}>
                  <Table.Td>
                    <RecordLink slug={slug} id={item.entity.id} title={item.entity.title} />
                  </Table.Td>
                  <Table.Td>{t("flows.versions.version", { number: item.from_version })}</Table.Td>
                  <Table.Td>
                    <Outcome item={item} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data.items.length < data.count && (
          <Text size="xs" c="dimmed">
            {t("flows.move.firstOnly", { shown: data.items.length, count: data.count })}
          </Text>
        )}
      </Stack>
    );
  }

  return (
    <Modal opened onClose={onClose} title={t("flows.move.title")} size="xl" centered>
      <Stack gap="md">
        {!start.data && <Text size="sm" c="dimmed">{t("flows.move.intro")}</Text>}
        {body}
        <ProblemAlert message={start.isError ? describeError(start.error, t) : null} />
        <DialogActions onCancel={onClose} cancelLabel={start.data ? t("common.close") : t("common.cancel")}>
          {!start.data && data && data.movable > 0 && (
            <Button onClick={() => start.mutate()} loading={start.isPending}>
              {countText(t, "flows.move.start", data.movable)}
            </Button>
          )}
        </DialogActions>
      </Stack>
    </Modal>
  );
}
