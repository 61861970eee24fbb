import { Anchor, Group, Stack, Tabs } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { deleteTenant, type AdminTenant } from "../../api/admin";
import { describeError, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { DeleteForGood } from "../DeleteForGood";
import { DetailHeading } from "../DetailHeading";
import { Fact, Facts } from "../Fact";
import { when } from "../format";
import { adminPaths } from "../paths";
import { adminKeys, useAdminTenant } from "../queries";
import { useParam } from "../../app/useParam";
import { BlueprintsTab } from "./BlueprintsTab";
import { FlowsTab } from "./FlowsTab";
import { HooksTab } from "./HooksTab";
import { InstancesTab } from "./InstancesTab";

/** The workspace's tabs, in order, each with what it shows. */
const TABS = { blueprints: BlueprintsTab, flows: FlowsTab, instances: InstancesTab, hooks: HooksTab } as const;
const TAB_NAMES = Object.keys(TABS) as (keyof typeof TABS)[];

/** "Delete for good", once the workspace's address is typed; then the job shows how far it got. */
function DeleteWorkspace({ tenant }: { tenant: AdminTenant }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteTenant(tenant.slug),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      notifications.show({ color: "green", message: t("admin.tenant.deleting", { name: tenant.name }) });
      void navigate(`${adminPaths.jobs()}?kind=tenant.delete`, { replace: true });
    },
  });
  return (
    <div>
      <DeleteForGood
        remove={remove}
        label={t("admin.tenant.delete")}
        title={t("admin.tenant.deleteTitle", { name: tenant.name })}
        body={t("admin.tenant.deleteBody", { members: tenant.members })}
        expected={tenant.slug}
      />
    </div>
  );
}

/** `/admin/tenants/:slug`: one workspace, with its blueprints (and their records), flows, flow instances and hooks. */
export function TenantPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const [tab] = useParam("tab");
  const [, setParams] = useSearchParams();
  // Each tab has its own filters (instances and deliveries both have a "status"): a new tab starts without them.
  const setTab = (value: string | null) => setParams(value && value !== "blueprints" ? { tab: value } : {}, { replace: true });
  const query = useAdminTenant(slug);
  useDocumentTitle(`${query.data?.name ?? slug} · Loom`);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert message={isNotFound(query.error) ? t("admin.tenant.notFound") : describeError(query.error, t)} />;
  const tenant = query.data;
  const current = (TAB_NAMES as string[]).includes(tab) ? tab : "blueprints";
  return (
    <Stack gap="lg">
      <DetailHeading back={{ to: adminPaths.tenants(), label: t("admin.tenants.title") }} title={tenant.name} />
      <Facts cols={{ base: 2, sm: 5 }}>
        <Fact label={t("admin.tenants.slug")}>{tenant.slug}</Fact>
        <Fact label={t("admin.tenant.timezone")}>{tenant.timezone}</Fact>
        <Fact label={t("admin.tenant.language")}>{tenant.language}</Fact>
        <Fact label={t("admin.tenants.members")}>{tenant.members}</Fact>
        <Fact label={t("admin.users.created")}>{when(tenant.created_at)}</Fact>
      </Facts>
      <Group gap="md">
        <Anchor component={Link} to={adminPaths.audit({ tenant: tenant.slug })} size="sm">
          {t("admin.tenant.activity")}
        </Anchor>
        <Anchor component={Link} to={adminPaths.jobs(tenant.slug)} size="sm">
          {t("admin.tenant.jobs")}
        </Anchor>
      </Group>
      <Tabs value={current} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {TAB_NAMES.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`admin.tenant.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TAB_NAMES.map((name) => {
          const Tab = TABS[name];
          return (
            <Tabs.Panel key={name} value={name} pt="md">
              <Tab slug={tenant.slug} />
            </Tabs.Panel>
          );
        })}
      </Tabs>
      <DeleteWorkspace tenant={tenant} />
    </Stack>
  );
}
