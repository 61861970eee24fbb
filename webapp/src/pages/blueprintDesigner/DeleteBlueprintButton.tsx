import { useTranslation } from "react-i18next";
import { DeleteButton } from "../../app/components/DeleteButton";
import { paths } from "../../app/paths";
import { useDeleteBlueprint } from "../../api/queries/blueprints";

/** Moves the blueprint to the Trash after asking; its records are kept. */
export function DeleteBlueprintButton({ slug, blueprintKey, onDeleted }: { slug: string; blueprintKey: string; onDeleted?: () => void }) {
  const { t } = useTranslation();
  const texts = {
    button: t("designer.deleteBlueprint"),
    title: t("designer.deleteTitle"),
    body: t("designer.deleteBody"),
    confirm: t("designer.deleteConfirm"),
    done: t("designer.deleted"),
  };
  return <DeleteButton remove={useDeleteBlueprint(slug, blueprintKey)} texts={texts} leaveTo={paths.blueprints(slug)} onDeleted={onDeleted} />;
}
