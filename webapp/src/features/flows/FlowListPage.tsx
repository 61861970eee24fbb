import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { FlowSummary } from "../../api/flows";
import { countText } from "../../app/components/count";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError } from "../../app/components/errors";
import { IconPlus } from "../../app/components/icons";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { paths } from "../../app/paths";
import { TenantGate } from "../../app/components/TenantGate";
import { IconFlow } from "./icons";
import { flowPaths } from "./paths";
import { useFlowList, useFlowTemplates } from "./queries";
import { templateLine } from "./templateLine";
import { canManage } from "../../app/roles";

/** "Version 2" (and "changes not published"), or "Not published yet". */
export function FlowVersionBadge({ flow }: { flow: FlowSummary }) {
  const { t } = useTranslation();
  if (!flow.published_version) {
    return (
      <Badge variant="light" color="gray" tt="none">
        {t("flows.list.notPublished")}
      </Badge>
    );
  }
  return (
    <Group gap={6}>
      <Badge variant="light" tt="none">
        {t("flows.list.version", { number: flow.published_version.number })}
      </Badge>
      {flow.draft_changed && (
        <Text size="xs" c="dimmed">
          {t("flows.list.draftChanged")}
        </Text>
      )}
    </Group>
  );
}

/** One way to start a flow: its button and the line saying what it does. */
function StartOption({ children, line }: { children: ReactNode; line: string }) {
  return (
    <Stack gap={4} align="center">
      {children}
      <Text size="sm" c="dimmed">
        {line}
      </Text>
    </Stack>
  );
}

/** What a flow is, and the ways to start the first one: steps, a template, or a BPMN file. */
function NoFlows({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const templates = useFlowTemplates(slug).data ?? [];
  const start = (how: string) => void navigate(`${flowPaths.create(slug)}?start=${encodeURIComponent(how)}`);
  return (
    <EmptyState
      title={t("flows.list.empty")}
      icon={<IconFlow size={24} />}
      action={
        <Stack gap="md" mt="xs" align="center" w="100%">
          <Text size="sm" fw={500}>
            {t("flowStart.emptyChoose")}
          </Text>
          <StartOption line={t("flowStart.stepsLine")}>
            <Button leftSection={<IconFlow />} onClick={() => start("steps")}>
              {t("flowSteps.start.steps")}
            </Button>
          </StartOption>
          {templates.map((template) => (
            <StartOption key={template.key} line={templateLine(i18n, template)}>
              <Button variant="light" onClick={() => start(template.key)}>
                {t("flowSteps.start.template", { name: template.name })}
              </Button>
            </StartOption>
          ))}
          <StartOption line={t("flowStart.importLine")}>
            <Button variant="default" onClick={() => start("import")}>
              {t("flowSteps.start.import")}
            </Button>
          </StartOption>
          <Button variant="subtle" size="compact-sm" onClick={() => start("empty")}>
            {t("flows.list.drawFlow")}
          </Button>
        </Stack>
      }
    >
      {t("flows.list.emptyBody")}
    </EmptyState>
  );
}

function FlowTable({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const query = useFlowList(slug);
  const flows = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  if (!flows.length) return <NoFlows slug={slug} />;
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("flows.list.name")}</Table.Th>
              <Table.Th>{t("flows.list.blueprint")}</Table.Th>
              <Table.Th>{t("flows.list.published")}</Table.Th>
              <Table.Th>{t("flows.list.running")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flows.map((flow) => (
              <Table.Tr key={flow.id}>
                <Table.Td>
                  <Stack gap={2}>
                    <Anchor component={Link} to={flowPaths.design(slug, flow.key)} fw={600}>
                      {flow.name}
                    </Anchor>
                    {flow.description && (
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        {flow.description}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={paths.records(slug, flow.blueprint.key)} size="sm">
                    {flow.blueprint.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <FlowVersionBadge flow={flow} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{countText(t, "flows.list.runningCount", flow.running_count)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t("flows.list.loadMore")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** `/t/:slug/flows`: the workspace's flows, or what a flow is and how to draw one. */
export function FlowListPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  useDocumentTitle(`${t("flows.list.title")} · Loom`);
  return (
    <TenantGate slug={slug}>
      {(tenant) => (
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={1}>{t("flows.list.title")}</Title>
              <Text c="dimmed" maw={720}>
                {t("flows.list.intro")}
              </Text>
            </Stack>
            {canManage(tenant) && (
              <Button component={Link} to={flowPaths.create(slug)} leftSection={<IconPlus />}>
                {t("flows.list.newFlow")}
              </Button>
            )}
          </Group>
          <FlowTable slug={slug} />
        </Stack>
      )}
    </TenantGate>
  );
}
