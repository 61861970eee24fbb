import { useTranslation } from "react-i18next";
import { IconBlueprint } from "./icons";
import { NotFoundState } from "./NotFoundState";
import { paths } from "../paths";

/** A blueprint that does not exist, is in the Trash, or is not visible (404). */
export function BlueprintNotFound({ slug }: { slug: string }) {
  const { t } = useTranslation();
  return (
    <NotFoundState
      title={t("blueprints.notFound.title")}
      body={t("blueprints.notFound.body")}
      backLabel={t("blueprints.notFound.back")}
      backTo={paths.blueprints(slug)}
      icon={<IconBlueprint size={24} />}
    />
  );
}
