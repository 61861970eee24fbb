import { Button, Group, Stack } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Heading } from "../../app/components/Heading";
import { ChoiceFilter } from "../ChoiceFilter";
import { adminKeys, useAdminPages } from "../queries";
import { SearchField } from "../SearchField";
import { useParam } from "../../app/useParam";
import { listAdminMail, type AdminMailStatus } from "./api";
import { MailTable } from "./MailTable";
import { SendAllAgainDialog } from "./SendAllAgainDialog";

/** `/admin/mail`: mail Loom could not deliver (the default), or mail waiting for its next try; by workspace. */
export function MailPage() {
  const { t } = useTranslation();
  const [statusParam] = useParam("status");
  const [tenant] = useParam("tenant");
  const [sendingAll, sendAllDialog] = useDisclosure(false);
  const status: AdminMailStatus = statusParam === "pending" ? "pending" : "failed";
  const undelivered = status === "failed";
  const filters = { status, tenant: tenant || null };
  const query = useAdminPages(adminKeys.list("mail", filters), (cursor, signal) => listAdminMail(filters, cursor, signal));
  useDocumentTitle(`${t("admin.mail.title")} · Loom`);
  return (
    <Stack gap="lg">
      <Heading title={t("admin.mail.title")} intro={t("admin.mail.intro")} size="h1" introWidth={720} />
      <Group gap="md" align="flex-end" wrap="wrap">
        <ChoiceFilter
          param="status"
          label={t("admin.mail.show")}
          choices={[
            { value: "failed", label: t("admin.mail.undelivered") },
            { value: "pending", label: t("admin.mail.waiting") },
          ]}
        />
        <SearchField label={t("admin.mail.workspace")} placeholder="acme" param="tenant" width={200} />
        {undelivered && (
          <Button variant="default" ml="auto" onClick={sendAllDialog.open}>
            {t("admin.mail.sendAll")}
          </Button>
        )}
      </Group>
      <MailTable query={query} undelivered={undelivered} filtered={Boolean(tenant)} />
      <SendAllAgainDialog opened={sendingAll} tenant={tenant} onClose={sendAllDialog.close} />
    </Stack>
  );
}
