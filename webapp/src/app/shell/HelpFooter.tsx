import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMeta } from "../meta";

/** The support address, on every page. */
export function HelpFooter() {
  const { t } = useTranslation();
  const { support_email: email } = useMeta();
  if (!email) return null;
  return (
    <Text component="footer" size="sm" c="dimmed" ta="center" py="md">
      {t("common.needHelp")} <Anchor href={`mailto:${email}`}>{email}</Anchor>
    </Text>
  );
}
