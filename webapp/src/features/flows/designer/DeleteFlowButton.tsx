import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ConfirmDialog } from "../../../app/components/ConfirmDialog";
import { describeError } from "../../../app/components/errors";
import { IconTrash } from "../../../app/components/icons";
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
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useDeleteFlow(slug, flowKey);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = () => {
    setProblem(null);
    remove.mutate(undefined, {
      onSuccess: () => {
        close();
        onDeleted();
        notifications.show({ message: t("flows.delete.done", { name }), color: "green" });
        void navigate(flowPaths.list(slug));
      },
      onError: (error) => setProblem(describeError(error, t)),
    });
  };

  return (
    <>
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={open} disabled={disabled}>
        {t("flows.delete.button")}
      </Button>
      <ConfirmDialog
        opened={opened}
        title={t("flows.delete.title", { name })}
        body={t("flows.delete.body")}
        confirmLabel={t("flows.delete.confirm")}
        onConfirm={confirm}
        onClose={close}
        loading={remove.isPending}
        problem={problem}
        danger
      />
    </>
  );
}
