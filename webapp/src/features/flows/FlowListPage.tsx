import { Anchor, Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { FlowSummary } from "../../api/flows";
import { countText } from "../../app/components/count";
import { EmptyState } from "../../app/components/EmptyState";
import { ItemTable, ListPage, NameCell } from "../../app/components/ListPage";
import { paths } from "../../app/paths";
import { IconFlow } from "../../app/components/icons";
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
  return (
    <ItemTable
      query={useFlowList(slug)}
      empty={<NoFlows slug={slug} />}
      minWidth={640}
      headers={[t("flows.list.name"), t("flows.list.blueprint"), t("flows.list.published"), t("flows.list.running")]}
      rowKey={(flow) => flow.id}
      loadMore={t("flows.list.loadMore")}
      row={(flow) => (
        <>
          <Table.Td>
            <NameCell to={flowPaths.design(slug, flow.key)} name={flow.name} description={flow.description} />
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
        </>
      )}
    />
  );
}

/** `/t/:slug/flows`: the workspace's flows, or what a flow is and how to draw one. */
export function FlowListPage() {
  const { t } = useTranslation();
  return (
    <ListPage
      title={t("flows.list.title")}
      intro={t("flows.list.intro")}
      create={{ label: t("flows.list.newFlow"), to: flowPaths.create, allowed: canManage }}
    >
      {(tenant) => <FlowTable slug={tenant.slug} />}
    </ListPage>
  );
}
