import { Button } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { EmptyState } from "./EmptyState";

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t("pages.notFound.title")} · Loom`);
  return (
    <EmptyState
      title={t("pages.notFound.title")}
      order={1}
      action={
        <Button component={Link} to="/">
          {t("pages.notFound.home")}
        </Button>
      }
    >
      {t("pages.notFound.body")}
    </EmptyState>
  );
}
