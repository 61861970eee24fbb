import { Button } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { EmptyState } from "./EmptyState";
import { IconBuilding } from "./icons";

/** Shown for a workspace that does not exist or that the user may not see (404). */
export function TenantNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(`${t("tenants.notFound.title")} · Loom`);
  return (
    <EmptyState
      title={t("tenants.notFound.title")}
      order={1}
      icon={<IconBuilding size={24} />}
      action={
        <Button component={Link} to="/">
          {t("tenants.notFound.back")}
        </Button>
      }
    >
      {t("tenants.notFound.body")}
    </EmptyState>
  );
}
