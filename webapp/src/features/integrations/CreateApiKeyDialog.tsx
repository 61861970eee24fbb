import { Radio, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { API_KEY_ROLES, type ApiKeyCreated, type ApiKeyRole } from "../../api/apiKeys";
import type { Tenant, User } from "../../api/types";
import { DateInput, isDateValue } from "../../app/components/DateInput";
import { ProveIdentityDialog } from "../../app/components/ProveIdentityDialog";
import { zonedInputToIso } from "../../app/timezone";
import { useCreateApiKey } from "./queries";

interface CreateApiKeyDialogProps {
  opened: boolean;
  tenant: Tenant;
  user: User;
  onCreated: (key: ApiKeyCreated) => void;
  onClose: () => void;
}

/** Today in the workspace's timezone, as a date input wants it. */
function today(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/**
 * Name, role and optional expiry of a new key, confirmed with the same proof as other
 * sensitive changes (the password and the authenticator's code).
 */
export function CreateApiKeyDialog({ opened, tenant, user, onCreated, onClose }: CreateApiKeyDialogProps) {
  const { t } = useTranslation();
  const create = useCreateApiKey(tenant.slug);
  const [name, setName] = useState("");
  const [role, setRole] = useState<ApiKeyRole>("editor");
  const [expires, setExpires] = useState("");
  const minDay = today(tenant.timezone);
  const unreadable = !!expires && !isDateValue(expires);
  const expiryProblem = isDateValue(expires) && expires <= minDay ? t("integrations.keys.expiresPast") : null;

  const reset = () => {
    setName("");
    setRole("editor");
    setExpires("");
  };

  return (
    <ProveIdentityDialog
      opened={opened}
      user={user}
      title={t("integrations.keys.dialogTitle")}
      body={t("integrations.keys.dialogBody")}
      confirmLabel={t("integrations.keys.confirm")}
      confirmDisabled={!name.trim() || !!expiryProblem || unreadable}
      action={(proof) =>
        create(
          {
            name: name.trim(),
            role,
            // The key works through the whole chosen day, in the workspace's time.
            expires_at: expires ? zonedInputToIso(`${expires}T23:59`, tenant.timezone) : null,
          },
          proof,
        )
      }
      onDone={(key) => {
        reset();
        onCreated(key);
      }}
      onClose={() => {
        reset();
        onClose();
      }}
      fields={
        <Stack gap="md">
          <TextInput
            label={t("integrations.keys.nameLabel")}
            placeholder={t("integrations.keys.namePlaceholder")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={80}
            required
            data-autofocus
          />
          <Radio.Group label={t("integrations.keys.roleLabel")} value={role} onChange={(value) => setRole(value as ApiKeyRole)}>
            <Stack gap={6} mt={4}>
              {API_KEY_ROLES.map((option) => (
                <Radio
                  key={option}
                  value={option}
                  label={t(`integrations.keys.roles.${option}`)}
                  description={t(`integrations.keys.roleHelp.${option}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <DateInput
            label={t("integrations.keys.expiresLabel")}
            description={t("integrations.keys.expiresHelp")}
            value={expires}
            onChange={setExpires}
            error={expiryProblem}
          />
        </Stack>
      }
    />
  );
}
