import { Button } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { EmptyState } from "./EmptyState";
import { IconBlueprint, IconBuilding } from "./icons";

/** What each missing thing's page says (its title, why it may be missing, the way back's label) and its icon. */
const MISSING = {
  page: { texts: ["pages.notFound.title", "pages.notFound.body", "pages.notFound.home"], icon: undefined },
  tenant: { texts: ["tenants.notFound.title", "tenants.notFound.body", "tenants.notFound.back"], icon: <IconBuilding size={24} /> },
  blueprint: { texts: ["blueprints.notFound.title", "blueprints.notFound.body", "blueprints.notFound.back"], icon: <IconBlueprint size={24} /> },
} as const satisfies Record<string, { texts: readonly [string, string, string]; icon: ReactNode }>;

interface NotFoundStateProps {
  /** What the address names and is not there. */
  what: keyof typeof MISSING;
  /** Where the way back leads. */
  backTo: string;
}

/** A whole page saying that what the address names is not there (404), with the way back. */
export function NotFoundState({ what, backTo }: NotFoundStateProps) {
  const { t } = useTranslation();
  const [title, body, back] = MISSING[what].texts;
  useDocumentTitle(`${t(title)} · Loom`);
  return (
    <EmptyState
      title={t(title)}
      order={1}
      icon={MISSING[what].icon}
      action={
        <Button component={Link} to={backTo}>
          {t(back)}
        </Button>
      }
    >
      {t(body)}
    </EmptyState>
  );
}
