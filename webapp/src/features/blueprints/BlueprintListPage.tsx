import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { BlueprintSummary } from "../../api/blueprints";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError } from "../../app/components/errors";
import { IconBlueprint, IconPlus } from "../../app/components/icons";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { countText } from "../../app/components/count";
import { canManage } from "../../app/roles";
import { TenantGate } from "../../app/components/TenantGate";
import { paths } from "../../app/paths";
import { useBlueprintList } from "../../api/queries/blueprints";

/** "v3" or "Not published yet", as a badge. */
export function PublishedBadge({ blueprint }: { blueprint: BlueprintSummary }) {
  const { t } = useTranslation();
  return blueprint.published_version ? (
    <Badge variant="light" tt="none">{t("blueprints.list.version", { number: blueprint.published_version.number })}</Badge>
  ) : (
    <Badge variant="light" color="gray" tt="none">
      {t("blueprints.list.notPublished")}
    </Badge>
  );
}

/** The first step when a workspace has no blueprint yet. */
export function NoBlueprints({ slug, order = 2, designs = true }: { slug: string; order?: 1 | 2 | 3; designs?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!designs)
    return (
      <EmptyState title={t("blueprints.list.empty")} order={order} icon={<IconBlueprint size={24} />}>
        {t("blueprints.list.emptyForMembers")}
      </EmptyState>
    );
  return (
    <EmptyState
      title={t("blueprints.list.empty")}
      order={order}
      icon={<IconBlueprint size={24} />}
      action={
        <Button leftSection={<IconBlueprint />} onClick={() => void navigate(paths.newBlueprint(slug))}>
          {t("tenants.home.designBlueprint")}
        </Button>
      }
    >
      {t("blueprints.list.emptyBody")}
    </EmptyState>
  );
}

function BlueprintTable({ slug, designs }: { slug: string; designs: boolean }) {
  const { t } = useTranslation();
  const query = useBlueprintList(slug);
  const blueprints = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  if (!blueprints.length) return <NoBlueprints slug={slug} designs={designs} />;
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("blueprints.create.name")}</Table.Th>
              <Table.Th>{t("records.version")}</Table.Th>
              {designs && <Table.Th>{t("records.actions")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {blueprints.map((blueprint) => (
              <Table.Tr key={blueprint.id}>
                <Table.Td>
                  <Stack gap={2}>
                    <Anchor component={Link} to={paths.records(slug, blueprint.key)} fw={600}>
                      {blueprint.name}
                    </Anchor>
                    {blueprint.description && (
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        {blueprint.description}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <PublishedBadge blueprint={blueprint} />
                    <Text size="sm" c="dimmed">
                      {countText(t, "blueprints.list.records", blueprint.entity_count)}
                    </Text>
                  </Group>
                </Table.Td>
                {designs && (
                  <Table.Td>
                    <Anchor component={Link} to={paths.design(slug, blueprint.key)} size="sm">
                      {t("blueprints.list.design")}
                    </Anchor>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t("blueprints.list.loadMore")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function BlueprintListPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  useDocumentTitle(`${t("blueprints.list.title")} · Loom`);
  return (
    <TenantGate slug={slug}>
      {(tenant) => (
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={1}>{t("blueprints.list.title")}</Title>
              <Text c="dimmed">{t("blueprints.list.intro")}</Text>
            </Stack>
            {canManage(tenant) && (
              <Button component={Link} to={paths.newBlueprint(slug)} leftSection={<IconPlus />}>
                {t("blueprints.list.newBlueprint")}
              </Button>
            )}
          </Group>
          <BlueprintTable slug={slug} designs={canManage(tenant)} />
        </Stack>
      )}
    </TenantGate>
  );
}
