import { Button, Card, Group, List, Stack, Text, ThemeIcon, Title, Tooltip } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { describeError, isNotFound } from "../../app/components/errors";
import { IconBlueprint, IconSettings } from "../../app/components/icons";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { languageName } from "./defaults";
import { useTenant } from "./queries";
import { TenantNotFound } from "./TenantNotFound";

/** The first step in a new workspace: what a blueprint is, and where it leads. */
function NextStepCard() {
  const { t } = useTranslation();
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
          <Tooltip label={t("tenants.home.unavailable")} events={{ hover: true, focus: true, touch: true }}>
            <Button
              data-disabled
              aria-disabled="true"
              leftSection={<IconBlueprint />}
              onClick={(event) => event.preventDefault()}
            >
              {t("tenants.home.designBlueprint")}
            </Button>
          </Tooltip>
        </Group>
      </Stack>
    </Card>
  );
}

function TenantHome({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const meta = useMeta();
  useDocumentTitle(`${tenant.name} · Loom`);
  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>{tenant.name}</Title>
          <Text c="dimmed">
            {t("tenants.home.summary", {
              timezone: tenant.timezone,
              language: languageName(meta.languages, tenant.language),
            })}
          </Text>
        </Stack>
        <Button
          component={Link}
          to={`/t/${encodeURIComponent(tenant.slug)}/settings`}
          variant="default"
          leftSection={<IconSettings />}
        >
          {t("tenants.home.settings")}
        </Button>
      </Group>
      <NextStepCard />
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
