import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { DialogActions } from "./DialogActions";

interface SecretFieldProps {
  /** What the secret is ("API key", "Signing secret"): its label for screen readers and tests. */
  label: string;
  secret: string;
  /** The copy button's label, and what it says once it has copied. */
  copyLabel: string;
  copiedLabel: string;
  /** Focus the copy button when a dialog opens: copying is the one thing to do there. */
  focusCopy?: boolean;
  /** Further buttons after the copy button. */
  children?: ReactNode;
}

/** A secret in a read-only box that selects as a whole, with a copy button beside it. */
export function SecretField({ label, secret, copyLabel, copiedLabel, focusCopy = false, children }: SecretFieldProps) {
  return (
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
      <CopyButton value={secret}>
        {({ copied, copy }) => (
          <Button variant={copied ? "light" : "filled"} color={copied ? "green" : undefined} onClick={copy} data-autofocus={focusCopy || undefined}>
            {copied ? copiedLabel : copyLabel}
          </Button>
        )}
      </CopyButton>
      {children}
    </Group>
  );
}

export interface SecretOnceTexts {
  title: string;
  body: string;
  label: string;
  copy: string;
  copied: string;
  /** The warning that the secret will not be shown again. */
  once: string;
  /** The button that closes the dialog. */
  done: string;
}

/** A secret shown this once, with a copy button and a plain warning that it will not come back. */
export function SecretOnceDialog({ secret, texts, onClose }: { secret: string | null; texts: SecretOnceTexts; onClose: () => void }) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={texts.title} centered size="lg" closeOnClickOutside={false}>
      <Stack gap="md">
        <Text size="sm">{texts.body}</Text>
        <SecretField label={texts.label} secret={secret ?? ""} copyLabel={texts.copy} copiedLabel={texts.copied} focusCopy />
        <Alert color="yellow" variant="light">
          {texts.once}
        </Alert>
        <DialogActions onCancel={onClose} cancelLabel={texts.done} />
      </Stack>
    </Modal>
  );
}
