import { Button, Group, Paper, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Role } from "../../api/members";
import type { Tenant } from "../../api/types";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { Heading } from "../../app/components/Heading";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useFormProblem } from "../../app/components/useFormProblem";
import { validateEmail } from "../../app/validation";
import { assignableRoles } from "../../app/roles";
import { useMemberActions } from "../../api/queries/members";

/** Role choices with what each role may do, in plain words. */
export function useRoleOptions(roles: Role[]) {
  const { t } = useTranslation();
  return roles.map((role) => ({ value: role, label: `${t(`team.roles.${role}`)} · ${t(`team.roleHelp.${role}`)}` }));
}

/** Email and role; sends the invitation and starts again for the next person. */
export function InviteForm({ tenant, onDone }: { tenant: Tenant; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useMemberActions(tenant.slug);
  const options = useRoleOptions(assignableRoles(tenant));
  const form = useForm<{ email: string; role: Role }>({
    initialValues: { email: "", role: "editor" },
    validate: { email: validateEmail(t) },
  });
  const refused = useFormProblem(form, ["email", "role"]);

  const submit = form.onSubmit((values) => {
    refused.clear();
    const email = values.email.trim();
    actions.invite.mutate(
      { email, role: values.role },
      {
        onSuccess: () => {
          notifications.show({ message: t("team.invite.sent", { email }), color: "green" });
          form.reset();
          onDone();
        },
        onError: refused.show,
      },
    );
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Heading level={3} size="h4" title={t("team.invite.title")} intro={t("team.invite.intro")} />
          <ProblemAlert message={refused.problem} />
          <Group align="flex-start" grow wrap="wrap">
            <TextInput
              label={t("team.invite.email")}
              type="email"
              autoComplete="off"
              autoFocus
              {...form.getInputProps("email")}
            />
            <LabelledSelect
              label={t("team.invite.role")}
              data={options}
              allowDeselect={false}
              {...form.getInputProps("role")}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={actions.invite.isPending}>
              {t("team.invite.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
