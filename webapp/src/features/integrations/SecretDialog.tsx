import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DialogActions } from "../../app/components/DialogActions";

interface SecretDialogProps {
  title: string;
  body: string;
  /** What the secret is ("API key", "Signing secret"): its label for screen readers and tests. */
  label: string;
  secret: string | null;
  onClose: () => void;
}

/** A secret shown this once, with a copy button and a plain warning that it will not come back. */
export function SecretDialog({ title, body, label, secret, onClose }: SecretDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} centered size="lg" closeOnClickOutside={false}>
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        <Group gap="sm" wrap="nowrap" align="center">
          <Code
            block
            aria-label={label}
            role="textbox"
            aria-readonly
            style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap", userSelect: "all" }}
          >
            {secret}
          </Code>
          <CopyButton value={secret ?? ""}>
            {({ copied, copy }) => (
              <Button variant={copied ? "light" : "filled"} color={copied ? "green" : undefined} onClick={copy} data-autofocus>
                {copied ? t("integrations.secret.copied") : t("integrations.secret.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Alert color="yellow" variant="light">
          {t("integrations.secret.once")}
        </Alert>
        <DialogActions onCancel={onClose} cancelLabel={t("integrations.secret.done")} />
      </Stack>
    </Modal>
  );
}
