import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { HealthBadge, HealthDetails } from "./HookHealth";
import { integrationPaths } from "./paths";
import { useHooks } from "./queries";
import { LoadMore } from "../../app/components/LoadMore";

/** The workspace's hooks with their health; each opens to its settings and deliveries. */
export function HooksSection({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const hooks = useHooks(tenant.slug);
  const items = hooks.data?.pages.flatMap((page) => page.items) ?? [];
  const add = (
    <Button component={Link} to={integrationPaths.newHook(tenant.slug)}>
      {t("integrations.hooks.add")}
    </Button>
  );

  let content;
  if (hooks.isPending) content = <PageLoader />;
  else if (hooks.isError) content = <ProblemAlert message={describeError(hooks.error, t)} />;
  else if (!items.length)
    content = (
      <EmptyState title={t("integrations.hooks.empty")} order={3}>
        {t("integrations.hooks.emptyBody")}
      </EmptyState>
    );
  else
    content = (
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("integrations.hooks.list")}>
        {items.map((hook) => (
          <Paper key={hook.id} component="li" withBorder radius="md" p="md">
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                <Group gap="xs">
                  <Title order={3} size="h5" style={{ wordBreak: "break-all" }}>
                    {hook.url}
                  </Title>
                  <HealthBadge hook={hook} />
                </Group>
                <Text size="sm" c="dimmed">
                  {[hook.description, t("integrations.hooks.events", { count: hook.event_types.length })].filter(Boolean).join(" · ")}
                </Text>
                <HealthDetails hook={hook} timeZone={tenant.timezone} />
              </Stack>
              <Button
                variant="default"
                component={Link}
                to={integrationPaths.hook(tenant.slug, hook.id)}
                aria-label={t("integrations.hooks.openLabel", { url: hook.url })}
              >
                {t("integrations.hooks.open")}
              </Button>
            </Group>
          </Paper>
        ))}
      </Stack>
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby="hooks-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2} maw={640}>
          <Title order={2} size="h3" id="hooks-title">
            {t("integrations.hooks.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("integrations.hooks.intro")}
          </Text>
        </Stack>
        {add}
      </Group>
      {content}
      <LoadMore query={hooks} label={t("integrations.keys.more")} />
    </Stack>
  );
}
