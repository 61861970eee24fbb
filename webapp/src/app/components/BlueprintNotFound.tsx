import { Button } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { EmptyState } from "./EmptyState";
import { IconBlueprint } from "./icons";
import { paths } from "../paths";

/** A blueprint that does not exist, is in the Trash, or is not visible (404). */
export function BlueprintNotFound({ slug }: { slug: string }) {
  const { t } = useTranslation();
  useDocumentTitle(`${t("blueprints.notFound.title")} · Loom`);
  return (
    <EmptyState
      title={t("blueprints.notFound.title")}
      order={1}
      icon={<IconBlueprint size={24} />}
      action={
        <Button component={Link} to={paths.blueprints(slug)}>
          {t("blueprints.notFound.back")}
        </Button>
      }
    >
      {t("blueprints.notFound.body")}
    </EmptyState>
  );
}
