import { Anchor, Stack, Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate, useOutletContext, useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { canManage } from "../roles";
import { Heading } from "../components/Heading";
import { TenantGate } from "../components/TenantGate";

const SECTIONS = ["general", "members", "activity", "integrations"] as const;
/** Sections only owners and admins see. */
const MANAGERS_ONLY: readonly Section[] = ["activity", "integrations"];
type Section = (typeof SECTIONS)[number];

/** The section a settings address belongs to: the part after `settings/` (its pages nest under it). */
function sectionOf(pathname: string): Section {
  const parts = pathname.replace(/\/+$/, "").split("/");
  const next = parts[parts.lastIndexOf("settings") + 1];
  return SECTIONS.find((section) => section === next) ?? "general";
}

/** The open workspace, for the pages inside the settings. */
export function useSettingsTenant(): Tenant {
  return useOutletContext<Tenant>();
}

function SettingsFrame({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const base = `/t/${encodeURIComponent(tenant.slug)}`;
  const current = sectionOf(pathname);
  const sections = SECTIONS.filter((section) => !MANAGERS_ONLY.includes(section) || canManage(tenant));
  const go = (value: string | null) => {
    if (!value || value === current) return;
    void navigate(value === "general" ? `${base}/settings` : `${base}/settings/${value}`);
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={base} size="sm">
          ← {t("tenants.settings.back")}
        </Anchor>
        <Heading title={t("tenants.settings.title")} intro={t("tenants.settings.intro")} size="h1" />
      </Stack>
      <Tabs value={current} onChange={go} keepMounted={false}>
        <Tabs.List>
          {sections.map((section) => (
            <Tabs.Tab key={section} value={section}>
              {t(`tenants.settings.sections.${section}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {sections.map((section) => (
          <Tabs.Panel key={section} value={section} pt="lg">
            {section === current && <Outlet context={tenant} />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

/** `/t/:slug/settings/*`: general settings, members and (for owners and admins) the activity log and integrations. */
export function SettingsLayout() {
  const { slug = "" } = useParams();
  return <TenantGate slug={slug}>{(tenant) => <SettingsFrame key={tenant.id} tenant={tenant} />}</TenantGate>;
}
