import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DialogActions } from "../../app/components/DialogActions";

/** The inbound hook's signing secret, shown this once, with a copy button. */
export function SecretShownOnce({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={t("messages.hook.secretTitle")} centered size="lg" closeOnClickOutside={false}>
      <Stack gap="md">
        <Text size="sm">{t("messages.hook.secretBody")}</Text>
        <Group gap="sm" wrap="nowrap" align="center">
          <Code block aria-label={t("messages.hook.secretLabel")} role="textbox" aria-readonly style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap", userSelect: "all" }}>
            {secret}
          </Code>
          <CopyButton value={secret ?? ""}>
            {({ copied, copy }) => (
              <Button variant={copied ? "light" : "filled"} color={copied ? "green" : undefined} onClick={copy} data-autofocus>
                {copied ? t("messages.hook.copied") : t("messages.hook.copySecret")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Alert color="yellow" variant="light">
          {t("messages.hook.secretOnce")}
        </Alert>
        <DialogActions onCancel={onClose} cancelLabel={t("messages.hook.done")} />
      </Stack>
    </Modal>
  );
}
