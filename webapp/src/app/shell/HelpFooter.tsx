import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMeta } from "../meta";

/** The support address and the contact form, on every page. */
export function HelpFooter() {
  const { t } = useTranslation();
  const { support_email: email } = useMeta();
  if (!email) return null;
  return (
    <Text component="footer" size="sm" c="dimmed" ta="center" py="md" px="md">
      {t("common.needHelp")} <Anchor href={`mailto:${email}`}>{email}</Anchor> {t("common.orUse")}{" "}
      <Anchor component={Link} to="/contact">
        {t("common.contactForm")}
      </Anchor>
      .
    </Text>
  );
}
