import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { describeError } from "../../app/components/errors";
import { IconTrash } from "../../app/components/icons";
import { paths } from "../../app/paths";
import { useDeleteBlueprint } from "../../api/queries/blueprints";

/** Moves the blueprint to the Trash after asking; its records are kept. */
export function DeleteBlueprintButton({ slug, blueprintKey, onDeleted }: { slug: string; blueprintKey: string; onDeleted?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useDeleteBlueprint(slug, blueprintKey);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = () => {
    setProblem(null);
    remove.mutate(undefined, {
      onSuccess: () => {
        close();
        onDeleted?.();
        notifications.show({ message: t("designer.deleted"), color: "green" });
        void navigate(paths.blueprints(slug));
      },
      onError: (error) => setProblem(describeError(error, t)),
    });
  };

  return (
    <>
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={open}>
        {t("designer.deleteBlueprint")}
      </Button>
      <ConfirmDialog
        opened={opened}
        title={t("designer.deleteTitle")}
        body={t("designer.deleteBody")}
        confirmLabel={t("designer.deleteConfirm")}
        onConfirm={confirm}
        onClose={close}
        loading={remove.isPending}
        problem={problem}
        danger
      />
    </>
  );
}
