import { useTranslation } from "react-i18next";
import { IconBuilding } from "./icons";
import { NotFoundState } from "./NotFoundState";

/** Shown for a workspace that does not exist or that the user may not see (404). */
export function TenantNotFound() {
  const { t } = useTranslation();
  return (
    <NotFoundState
      title={t("tenants.notFound.title")}
      body={t("tenants.notFound.body")}
      backLabel={t("tenants.notFound.back")}
      backTo="/"
      icon={<IconBuilding size={24} />}
    />
  );
}
