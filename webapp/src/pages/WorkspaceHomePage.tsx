import { Anchor, Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { Tenant } from "../api/types";
import { describeError, isNotFound } from "../app/components/errors";
import { IconBlueprint, IconPlus } from "../app/components/icons";
import { PageLoader } from "../app/components/PageLoader";
import { Heading } from "../app/components/Heading";
import { ProblemAlert } from "../app/components/ProblemAlert";
import { useMeta } from "../app/meta";
import { BlueprintStatus, NoBlueprints } from "../features/blueprints/BlueprintListPage";
import { paths } from "../app/paths";
import { useBlueprintList } from "../api/queries/blueprints";
import { languageName } from "../features/tenants/defaults";
import { useTenant } from "../api/queries/tenants";
import { canManage } from "../app/roles";
import { TenantNotFound } from "../app/components/TenantNotFound";
import { LoadMore } from "../app/components/LoadMore";

/** The first step in a new workspace: what a blueprint is, and where it leads. */
function NextStepCard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card withBorder radius="md" padding="xl">
      <Stack gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="md" variant="light" aria-hidden>
            <IconBlueprint size={24} />
          </ThemeIcon>
          <Stack gap={4}>
            <Title order={2} size="h3">
              {t("tenants.home.nextTitle")}
            </Title>
            <Text c="dimmed">{t("tenants.home.nextBody")}</Text>
          </Stack>
        </Group>
        <Stack gap={6}>
          <Text fw={600} size="sm">
            {t("tenants.home.stepsTitle")}
          </Text>
          <List type="ordered" spacing={4} size="sm">
            <List.Item>{t("tenants.home.stepBlueprint")}</List.Item>
            <List.Item>{t("tenants.home.stepEntities")}</List.Item>
            <List.Item>{t("tenants.home.stepFlow")}</List.Item>
          </List>
        </Stack>
        <Group>
          <Button leftSection={<IconBlueprint />} onClick={() => void navigate(paths.newBlueprint(slug))}>
            {t("tenants.home.designBlueprint")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The workspace's blueprints, each leading to its records; or the first step when there are none. */
function Blueprints({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const slug = tenant.slug;
  const designs = canManage(tenant);
  const query = useBlueprintList(slug);
  const blueprints = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  if (!blueprints.length) return designs ? <NextStepCard slug={slug} /> : <NoBlueprints slug={slug} designs={false} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Heading level={2} size="h3" title={t("tenants.home.blueprintsTitle")} intro={t("tenants.home.blueprintsIntro")} />
        {designs && (
          <Button component={Link} to={paths.newBlueprint(slug)} variant="default" leftSection={<IconPlus />}>
            {t("tenants.home.newBlueprint")}
          </Button>
        )}
      </Group>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {blueprints.map((blueprint) => (
          <Card key={blueprint.id} withBorder radius="md" padding="md" component="li">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Anchor component={Link} to={paths.records(slug, blueprint.key)} fw={600} size="lg">
                {blueprint.name}
              </Anchor>
              <BlueprintStatus blueprint={blueprint} />
            </Group>
          </Card>
        ))}
      </Stack>
      <LoadMore query={query} label={t("blueprints.list.loadMore")} justify="flex-start" />
    </Stack>
  );
}

function TenantHome({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const meta = useMeta();
  useDocumentTitle(`${tenant.name} · Loom`);
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1}>{tenant.name}</Title>
        <Text c="dimmed">
          {t("tenants.home.summary", {
            timezone: tenant.timezone,
            language: languageName(meta.languages, tenant.language),
          })}
        </Text>
      </Stack>
      <Blueprints tenant={tenant} />
    </Stack>
  );
}

export function TenantHomePage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const query = useTenant(slug);
  if (query.isPending) return <PageLoader />;
  if (isNotFound(query.error)) return <TenantNotFound />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  return <TenantHome tenant={query.data} />;
}
