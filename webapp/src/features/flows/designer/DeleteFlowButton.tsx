import { useTranslation } from "react-i18next";
import { DeleteButton } from "../../../app/components/DeleteButton";
import { flowPaths } from "../paths";
import { useDeleteFlow } from "../queries";

interface DeleteFlowButtonProps {
  slug: string;
  flowKey: string;
  name: string;
  disabled?: boolean;
  /** Called just before leaving the page, so it does not ask about unsaved changes. */
  onDeleted: () => void;
}

/** Deletes the flow and its versions after asking; refused while records still run it. */
export function DeleteFlowButton({ slug, flowKey, name, disabled, onDeleted }: DeleteFlowButtonProps) {
  const { t } = useTranslation();
  const texts = {
    button: t("flows.delete.button"),
    title: t("flows.delete.title", { name }),
    body: t("flows.delete.body"),
    confirm: t("flows.delete.confirm"),
    done: t("flows.delete.done", { name }),
  };
  return <DeleteButton remove={useDeleteFlow(slug, flowKey)} texts={texts} leaveTo={flowPaths.list(slug)} disabled={disabled} onDeleted={onDeleted} />;
}
