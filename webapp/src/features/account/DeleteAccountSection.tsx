import { Button, Checkbox, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { deleteAccount } from "../../api/account";
import { clearSession } from "../../api/client";
import type { User } from "../../api/types";
import { ProveIdentityDialog } from "../../app/components/ProveIdentityDialog";

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
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="delete-title" style={{ borderColor: "var(--mantine-color-red-3)" }}>
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3" id="delete-title">
          {t("deleteAccount.title")}
        </Title>
        <Text size="sm">{t("deleteAccount.intro")}</Text>
        <Button color="red" variant="light" onClick={dialog.open}>
          {t("deleteAccount.button")}
        </Button>
      </Stack>
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
    </Paper>
  );
}
