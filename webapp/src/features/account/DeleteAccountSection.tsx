import { Button, Checkbox, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { deleteAccount } from "../../api/account";
import { clearSession } from "../../api/client";
import type { User } from "../../api/types";
import { ProveIdentityDialog } from "../../app/components/ProveIdentityDialog";
import { AccountSection } from "./AccountSection";

/** Deleting the account for good, after proving it is the owner. */
export function DeleteAccountSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const [understood, setUnderstood] = useState(false);
  const close = () => {
    dialog.close();
    setUnderstood(false);
  };

  return (
    <AccountSection id="delete-title" title={t("deleteAccount.title")} danger gap="sm" align="flex-start">
      <Text size="sm">{t("deleteAccount.intro")}</Text>
      <Button color="red" variant="light" onClick={dialog.open}>
        {t("deleteAccount.button")}
      </Button>
      <ProveIdentityDialog
        opened={opened}
        user={user}
        title={t("deleteAccount.dialogTitle")}
        body={t("deleteAccount.dialogBody")}
        confirmLabel={t("deleteAccount.confirm")}
        action={deleteAccount}
        // The signed-in pages then send the browser to the sign-in page, which says what happens next.
        onDone={() => clearSession("deleted")}
        onClose={close}
        danger
        confirmDisabled={!understood}
      >
        <Checkbox label={t("deleteAccount.understand")} checked={understood} onChange={(event) => setUnderstood(event.currentTarget.checked)} />
      </ProveIdentityDialog>
    </AccountSection>
  );
}
