import { Switch } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { accountSettingsKey, getAccountSettings, updateAccountSettings } from "../../api/taskNotices";
import { describeError } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { AccountSection } from "./AccountSection";

/** The emails a person may choose: for now, the one sent when a task waits for them by name. */
export function TaskEmailsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: accountSettingsKey, queryFn: ({ signal }) => getAccountSettings(signal) });
  const change = useMutation({
    mutationFn: (on: boolean) => updateAccountSettings({ notify_tasks: on }),
    onSuccess: (answer) => {
      queryClient.setQueryData(accountSettingsKey, answer);
      notifications.show({ message: t(answer.notify_tasks ? "notify.emails.on" : "notify.emails.off"), color: "green" });
    },
  });
  const checked = change.isPending ? change.variables : settings.data?.notify_tasks;

  return (
    <AccountSection id="emails-title" title={t("notify.emails.title")} intro={t("notify.emails.intro")}>
      {settings.isPending && <PageLoader />}
      {settings.isError && <ProblemAlert title={t("notify.emails.failed")} message={describeError(settings.error, t)} />}
      {settings.data && (
        // Not disabled while saving: that would drop the keyboard's focus; a second press waits instead.
        <Switch
          checked={checked ?? true}
          aria-busy={change.isPending}
          onChange={(event) => {
            if (!change.isPending) change.mutate(event.currentTarget.checked);
          }}
          // The label wraps the description too; the name is the label alone, the description describes.
          aria-label={t("notify.emails.tasks")}
          label={t("notify.emails.tasks")}
          description={t("notify.emails.tasksHelp")}
        />
      )}
      <ProblemAlert message={change.isError ? describeError(change.error, t) : null} />
    </AccountSection>
  );
}
