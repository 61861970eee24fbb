import { Anchor, Badge, Group, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { listJobs, type AdminJob } from "../../api/admin";
import type { JobStatus } from "../../api/jobs";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { WhenCell, WorkspaceCell } from "../cells";
import { ChoiceFilter } from "../ChoiceFilter";
import { PagedTable } from "../PagedTable";
import { adminKeys, useAdminPages } from "../queries";
import { useParam } from "../../app/useParam";

const STATUSES: JobStatus[] = ["queued", "running", "done", "failed"];
const COLORS: Record<JobStatus, string> = { queued: "gray", running: "blue", done: "green", failed: "red" };
export const JOB_KINDS = ["entities.export", "entities.import", "entities.migrate", "flows.move_instances", "trash.purge", "account.delete", "tenant.delete"] as const;

function JobState({ job }: { job: AdminJob }) {
  const { t } = useTranslation();
  const percent = job.total ? Math.round((100 * job.done) / job.total) : 0;
  return (
    <Stack gap={4}>
      <Badge variant="light" color={COLORS[job.status]}>
        {t(`admin.jobs.statuses.${job.status}`)}
      </Badge>
      {job.status === "running" && job.total > 0 && (
        <Progress value={percent} size="sm" aria-label={t("admin.jobs.progress", { done: job.done, total: job.total })} />
      )}
      {job.total > 0 && (
        <Text size="xs" c="dimmed">
          {t("admin.jobs.progress", { done: job.done, total: job.total })}
        </Text>
      )}
      {job.error && (
        <Text size="xs" c="red">
          {job.error}
        </Text>
      )}
    </Stack>
  );
}

/** `/admin/jobs`: background work across Loom, newest first; refreshes itself while some is running. */
export function JobsPage() {
  const { t } = useTranslation();
  const [status] = useParam("status");
  const [kind, setKind] = useParam("kind");
  const [tenant, setTenant] = useParam("tenant");
  const chosen = STATUSES.includes(status as JobStatus) ? (status as JobStatus) : null;
  const query = useAdminPages(
    adminKeys.list("jobs", chosen, kind, tenant),
    (cursor, signal) => listJobs({ status: chosen, kind: kind || null, tenant: tenant || null }, cursor, signal),
    (jobs) => jobs.some((job) => job.status === "queued" || job.status === "running"),
  );
  useDocumentTitle(`${t("admin.jobs.title")} · Loom`);
  return (
    <Stack gap="lg">
      <Title order={1}>{t("admin.jobs.title")}</Title>
      <Group align="flex-end" gap="md">
        <ChoiceFilter
          param="status"
          label={t("admin.jobs.status")}
          choices={[{ value: "all", label: t("admin.jobs.all") }, ...STATUSES.map((s) => ({ value: s, label: t(`admin.jobs.statuses.${s}`) }))]}
        />
        <LabelledSelect
          label={t("admin.jobs.kind")}
          data={[{ value: "", label: t("admin.jobs.allKinds") }, ...JOB_KINDS.map((k) => ({ value: k, label: t(`admin.jobs.kinds.${k}`) }))]}
          value={kind}
          allowDeselect={false}
          onChange={(value) => setKind(value || null)}
          w={240}
        />
        {tenant && (
          <Anchor component="button" type="button" size="sm" onClick={() => setTenant(null)}>
            {t("admin.jobs.onlyWorkspace", { slug: tenant })} ✕
          </Anchor>
        )}
      </Group>
      <PagedTable<AdminJob>
        query={query}
        label={t("admin.jobs.title")}
        empty={t("admin.jobs.empty")}
        filtered={Boolean(chosen || kind || tenant)}
        head={[t("admin.jobs.kind"), t("admin.jobs.workspace"), t("admin.jobs.status"), t("admin.jobs.started"), t("admin.jobs.finished")]}
        row={(job) => (
          <Table.Tr key={job.id}>
            <Table.Td>
              <Text size="sm">{t(`admin.jobs.kinds.${job.kind}`, { defaultValue: job.kind })}</Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {job.created_by ?? t("admin.jobs.byLoom")}
              </Text>
            </Table.Td>
            <WorkspaceCell slug={job.tenant} />
            <Table.Td>
              <JobState job={job} />
            </Table.Td>
            <WhenCell at={job.created_at} />
            <WhenCell at={job.finished_at} />
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
