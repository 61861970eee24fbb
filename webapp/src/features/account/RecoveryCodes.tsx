import { Button, Checkbox, Code, Group, List, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

interface RecoveryCodesProps {
  codes: string[];
  email: string;
  onFinish: () => void;
}

/** Shows new recovery codes once, with ways to keep them; goes on only when the user says they are kept. */
export function RecoveryCodes({ codes, email, onFinish }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = `${t("account.setup.codesFile", { email })}\n\n${codes.join("\n")}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "loom-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t("account.setup.codesTitle")}
      </Title>
      <Text size="sm">{t("account.setup.codesBody")}</Text>
      <List aria-label={t("account.setup.codesList")} listStyleType="none" spacing={4}>
        {codes.map((code) => (
          <List.Item key={code}>
            <Code fz="md">{code}</Code>
          </List.Item>
        ))}
      </List>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={() => void copy()}>
          {copied ? t("account.setup.copied") : t("account.setup.copyCodes")}
        </Button>
        <Button variant="default" size="xs" onClick={download}>
          {t("account.setup.downloadCodes")}
        </Button>
      </Group>
      <Checkbox
        label={t("account.setup.saved")}
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Button onClick={onFinish} disabled={!saved}>
        {t("account.setup.finish")}
      </Button>
    </Stack>
  );
}
