import { Anchor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { paths } from "../../../app/paths";

/** A link to a record, named by its title or the start of its id; opens in a new tab. */
export function RecordLink({ slug, id, title }: { slug: string; id: string; title: string | null }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={paths.record(slug, id)} size="sm" target="_blank" title={id}>
      {title || t("flows.move.record", { id: id.slice(0, 8) })}
    </Anchor>
  );
}
