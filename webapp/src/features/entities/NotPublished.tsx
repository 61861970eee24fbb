import { Button, Stack, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { BlueprintSummary } from "../../api/blueprints";
import { EmptyState } from "../../app/components/EmptyState";
import { IconBlueprint } from "../../app/components/icons";
import { paths } from "../../app/paths";

/** Records need a published version; this says so and leads to the designer. */
export function NotPublished({ slug, blueprint }: { slug: string; blueprint: BlueprintSummary }) {
  const { t } = useTranslation();
  useDocumentTitle(`${blueprint.name} · Loom`);
  return (
    <Stack gap="lg">
      <Title order={1}>{blueprint.name}</Title>
      <EmptyState
      title={t("records.notPublishedTitle")}
      order={2}
      icon={<IconBlueprint size={24} />}
      action={
        <Button component={Link} to={paths.design(slug, blueprint.key)}>
          {t("records.openDesigner")}
        </Button>
      }
    >
        {t("records.notPublishedBody")}
      </EmptyState>
    </Stack>
  );
}
