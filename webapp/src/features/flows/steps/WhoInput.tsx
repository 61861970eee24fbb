import { Input, SegmentedControl, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { StepsWho } from "../../../api/flowSteps";
import { ROLES, type Member } from "../../../api/members";
import { LabelledSelect } from "../../../app/components/LabelledSelect";

interface WhoInputProps {
  value: StepsWho;
  onChange: (value: StepsWho) => void;
  members: readonly Member[];
  /** The blueprint's person (user) columns. */
  userColumns: readonly Column[];
  error?: string;
}

/** "Who can press it": a role, a member, the person in one of the record's person fields, or anyone. */
export function WhoInput({ value, onChange, members, userColumns, error }: WhoInputProps) {
  const { t } = useTranslation();
  const pick = (kind: string) => {
    if (kind === "role") onChange({ kind, role: "editor" });
    else if (kind === "member") onChange({ kind, email: members[0]?.email ?? "" });
    else if (kind === "field") onChange({ kind, field: userColumns[0]?.key ?? "" });
    else onChange({ kind: "anyone" });
  };
  return (
    <Input.Wrapper label={t("flowSteps.who.label")} error={error}>
      <Stack gap="xs" mt={4}>
        <SegmentedControl
          value={value.kind}
          onChange={pick}
          data={[
            { value: "role", label: t("flowSteps.who.role") },
            { value: "member", label: t("flowSteps.who.member") },
            { value: "field", label: t("flowSteps.who.field"), disabled: !userColumns.length },
            { value: "anyone", label: t("flowSteps.who.anyone") },
          ]}
        />
        {value.kind === "role" && (
          <LabelledSelect
            label={t("flowSteps.who.roleLabel")}
            data={ROLES.map((role) => ({ value: role, label: t(`team.roles.${role}`) }))}
            value={value.role}
            onChange={(role) => role && onChange({ kind: "role", role })}
            allowDeselect={false}
          />
        )}
        {value.kind === "member" && (
          <LabelledSelect
            label={t("flowSteps.who.memberLabel")}
            placeholder={t("flowSteps.who.chooseMember")}
            data={members.map((member) => member.email)}
            value={value.email || null}
            onChange={(email) => email && onChange({ kind: "member", email })}
            searchable
            allowDeselect={false}
          />
        )}
        {value.kind === "field" && (
          <LabelledSelect
            label={t("flowSteps.who.fieldLabel")}
            data={userColumns.map((column) => ({ value: column.key, label: column.label || column.key }))}
            value={value.field || null}
            onChange={(field) => field && onChange({ kind: "field", field })}
            allowDeselect={false}
          />
        )}
        {value.kind === "anyone" && <Input.Description>{t("flowSteps.who.anyoneHelp")}</Input.Description>}
        {!userColumns.length && <Input.Description>{t("flowSteps.who.noUserColumns")}</Input.Description>}
      </Stack>
    </Input.Wrapper>
  );
}
