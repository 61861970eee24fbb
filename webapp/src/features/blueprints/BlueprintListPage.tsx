import { Anchor, Badge, Button, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { BlueprintSummary } from "../../api/blueprints";
import { EmptyState } from "../../app/components/EmptyState";
import { IconBlueprint } from "../../app/components/icons";
import { ItemTable, ListPage, NameCell } from "../../app/components/ListPage";
import { countText } from "../../app/components/count";
import { canManage } from "../../app/roles";
import { paths } from "../../app/paths";
import { useBlueprintList } from "../../api/queries/blueprints";

/** "v3" or "Not published yet", as a badge. */
function PublishedBadge({ blueprint }: { blueprint: BlueprintSummary }) {
  const { t } = useTranslation();
  return blueprint.published_version ? (
    <Badge variant="light" tt="none">{t("blueprints.list.version", { number: blueprint.published_version.number })}</Badge>
  ) : (
    <Badge variant="light" color="gray" tt="none">
      {t("blueprints.list.notPublished")}
    </Badge>
  );
}

/** A blueprint's published version (or that it has none) and how many records it holds. */
export function BlueprintStatus({ blueprint }: { blueprint: BlueprintSummary }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <PublishedBadge blueprint={blueprint} />
      <Text size="sm" c="dimmed">
        {countText(t, "blueprints.list.records", blueprint.entity_count)}
      </Text>
    </Group>
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
  return (
    <ItemTable
      query={useBlueprintList(slug)}
      empty={<NoBlueprints slug={slug} designs={designs} />}
      minWidth={560}
      headers={[t("blueprints.create.name"), t("records.version"), ...(designs ? [t("records.actions")] : [])]}
      rowKey={(blueprint) => blueprint.id}
      loadMore={t("blueprints.list.loadMore")}
      row={(blueprint) => (
        <>
          <Table.Td>
            <NameCell to={paths.records(slug, blueprint.key)} name={blueprint.name} description={blueprint.description} />
          </Table.Td>
          <Table.Td>
            <BlueprintStatus blueprint={blueprint} />
          </Table.Td>
          {designs && (
            <Table.Td>
              <Anchor component={Link} to={paths.design(slug, blueprint.key)} size="sm">
                {t("blueprints.list.design")}
              </Anchor>
            </Table.Td>
          )}
        </>
      )}
    />
  );
}

/** `/t/:slug/blueprints`: the workspace's blueprints, or how to design the first one. */
export function BlueprintListPage() {
  const { t } = useTranslation();
  return (
    <ListPage
      title={t("blueprints.list.title")}
      intro={t("blueprints.list.intro")}
      create={{ label: t("blueprints.list.newBlueprint"), to: paths.newBlueprint, allowed: canManage }}
    >
      {(tenant) => <BlueprintTable slug={tenant.slug} designs={canManage(tenant)} />}
    </ListPage>
  );
}
