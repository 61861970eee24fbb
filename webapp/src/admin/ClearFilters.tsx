import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";

/** "Clear filters", shown while any filter is in the address; it empties the address's query. */
export function ClearFilters() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (![...params.keys()].length) return null;
  return (
    <Button variant="subtle" onClick={() => setParams({}, { replace: true })}>
      {t("team.activity.clearFilters")}
    </Button>
  );
}
