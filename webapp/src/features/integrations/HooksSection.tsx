import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { DataTablePaged } from "../../app/components/DataTablePaged";
import { HealthBadge, HealthDetails } from "./HookHealth";
import { integrationPaths } from "./paths";
import { useHooks } from "./queries";
import { Section, SectionEmpty } from "./Section";

/** The workspace's hooks with their health; each opens to its settings and deliveries. */
export function HooksSection({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const hooks = useHooks(tenant.slug);
  const add = (
    <Button component={Link} to={integrationPaths.newHook(tenant.slug)}>
      {t("integrations.hooks.add")}
    </Button>
  );

  return (
    <Section id="hooks-title" title={t("integrations.hooks.title")} intro={t("integrations.hooks.intro")} action={add}>
      <DataTablePaged
        query={hooks}
        more={t("integrations.keys.more")}
        empty={<SectionEmpty title={t("integrations.hooks.empty")} body={t("integrations.hooks.emptyBody")} />}
      >
        {(items) => (
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
        )}
      </DataTablePaged>
    </Section>
  );
}
