import { Alert, Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useMatch } from "react-router-dom";
import { dismissTwoFactorPrompt, twoFactorPromptDismissed } from "../../api/auth";
import { useSession } from "../../app/useSession";
import { formatDay } from "./format";

/** During the first 30 days: a suggestion to set up two-step sign-in, until dismissed for this sign-in. */
export function TwoFactorPrompt() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const onAccountPage = useMatch("/account");
  const [dismissed, setDismissed] = useState(() => (user ? twoFactorPromptDismissed(user) : false));
  const status = user?.two_factor;
  if (!user || !status?.prompt || dismissed || onAccountPage) return null;

  const dismiss = () => {
    dismissTwoFactorPrompt(user);
    setDismissed(true);
  };

  return (
    <Alert color="blue" variant="light" mb="lg" title={t("account.prompt.title")} role="region" aria-label={t("account.prompt.title")}>
      <Text size="sm" mb="sm">
        {t("account.prompt.body", { date: formatDay(status.due_at, i18n.language) })}
      </Text>
      <Group gap="sm">
        <Button component={Link} to="/account" size="xs">
          {t("account.prompt.setUp")}
        </Button>
        <Button variant="subtle" size="xs" onClick={dismiss}>
          {t("account.prompt.later")}
        </Button>
      </Group>
    </Alert>
  );
}
