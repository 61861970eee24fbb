import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { EmptyState } from "../../app/components/EmptyState";
import { Heading } from "../../app/components/Heading";
import { describeError } from "../../app/components/errors";
import { IconBuilding, IconPlus } from "../../app/components/icons";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useTenantList } from "../../api/queries/tenants";

function TenantCard({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component="li">
      <Stack gap={6}>
        <Anchor component={Link} to={`/t/${encodeURIComponent(tenant.slug)}`} fw={600} size="lg">
          {tenant.name}
        </Anchor>
        <Text size="sm" c="dimmed">
          /t/{tenant.slug} · {tenant.timezone}
        </Text>
        {tenant.role && (
          <Group gap="xs">
            <Badge variant="light" size="sm">
              {t(`tenants.roles.${tenant.role}`, { defaultValue: tenant.role })}
            </Badge>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function TenantListPage() {
  const { t } = useTranslation();
  const query = useTenantList();
  const navigate = useNavigate();
  useDocumentTitle(`${t("tenants.list.title")} · Loom`);
  const tenants = query.data?.pages.flatMap((page) => page.items) ?? [];

  let body;
  if (query.isPending) {
    body = <PageLoader />;
  } else if (query.isError) {
    body = (
      <Stack align="flex-start">
        <ProblemAlert message={describeError(query.error, t)} />
        <Button variant="default" onClick={() => void query.refetch()}>
          {t("common.retry")}
        </Button>
      </Stack>
    );
  } else if (tenants.length === 0) {
    body = (
      <EmptyState
        title={t("tenants.list.empty")}
        icon={<IconBuilding size={24} />}
        action={
          <Button size="md" leftSection={<IconPlus />} onClick={() => void navigate("/tenants/new")}>
            {t("tenants.list.createFirst")}
          </Button>
        }
      >
        {t("tenants.list.emptyBody")}
      </EmptyState>
    );
  } else {
    body = (
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {tenants.map((tenant) => (
            <TenantCard key={tenant.id} tenant={tenant} />
          ))}
        </SimpleGrid>
        {query.hasNextPage && (
          <Group justify="center">
            <Button
              variant="default"
              loading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t("tenants.list.loadMore")}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Heading title={t("tenants.list.title")} intro={t("tenants.list.intro")} size="h1" />
        <Button
          component={Link}
          to="/tenants/new"
          variant={tenants.length ? "filled" : "default"}
          leftSection={<IconPlus />}
        >
          {t("tenants.list.newWorkspace")}
        </Button>
      </Group>
      {body}
    </Stack>
  );
}
