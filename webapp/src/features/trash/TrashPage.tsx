import { Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { TenantGate } from "../../app/components/TenantGate";
import { canManage } from "../../app/roles";
import { BlueprintTrash } from "./BlueprintTrash";
import { useTrashedRecords, useTrashList } from "../../api/queries/trash";
import { RecordTrash } from "./RecordTrash";

/** Deleted records for everyone who edits records; deleted blueprints too for owners and admins. */
function TrashSections({ tenant }: { tenant: Tenant }) {
  const manages = canManage(tenant);
  const records = useTrashedRecords(tenant.slug);
  const blueprints = useTrashList(tenant.slug, manages);
  const noBlueprints = !manages || (blueprints.isSuccess && !blueprints.data.pages.some((page) => page.items.length));
  return (
    <Stack gap="xl">
      <RecordTrash tenant={tenant} query={records} trashEmpty={noBlueprints} />
      {manages && <BlueprintTrash tenant={tenant} query={blueprints} />}
    </Stack>
  );
}

/** `/t/:slug/trash`: deleted records and blueprints, to restore or delete for good. */
export function TrashPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  useDocumentTitle(`${t("trash.title")} · Loom`);
  return (
    <TenantGate slug={slug}>
      {(tenant) => (
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={1}>{t("trash.title")}</Title>
            <Text c="dimmed">{t("trash.intro")}</Text>
          </Stack>
          <TrashSections tenant={tenant} />
        </Stack>
      )}
    </TenantGate>
  );
}
