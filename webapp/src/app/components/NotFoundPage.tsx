import { useTranslation } from "react-i18next";
import { NotFoundState } from "./NotFoundState";

/** Any address the app has no page for. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <NotFoundState
      title={t("pages.notFound.title")}
      body={t("pages.notFound.body")}
      backLabel={t("pages.notFound.home")}
      backTo="/"
    />
  );
}
