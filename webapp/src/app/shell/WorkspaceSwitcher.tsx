import { Button, Menu } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useTenant, useTenantList } from "../../api/queries/tenants";
import { IconBuilding, IconChevronDown, IconPlus } from "../components/icons";

/** The current workspace's name in the header; opens a list to jump to another one. */
export function WorkspaceSwitcher({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const current = useTenant(slug);
  const list = useTenantList();
  const tenants = list.data?.pages.flatMap((page) => page.items) ?? [];
  const label = current.data?.name ?? slug;

  return (
    <Menu position="bottom-start" width={280} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconBuilding size={16} />}
          rightSection={<IconChevronDown size={14} />}
          title={t("shell.switchWorkspace")}
          maw={280}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("shell.workspaces")}</Menu.Label>
        {tenants.map((tenant) => (
          <Menu.Item
            key={tenant.id}
            component={Link}
            to={`/t/${encodeURIComponent(tenant.slug)}`}
            aria-current={tenant.slug === slug ? "page" : undefined}
            fw={tenant.slug === slug ? 600 : undefined}
          >
            {tenant.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/">
          {t("shell.allWorkspaces")}
        </Menu.Item>
        <Menu.Item component={Link} to="/tenants/new" leftSection={<IconPlus size={14} />}>
          {t("shell.newWorkspace")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
