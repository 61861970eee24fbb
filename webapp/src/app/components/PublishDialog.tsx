import { Alert, Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PublishChange, PublishPreviewBase } from "../../api/publish";
import { Heading } from "./Heading";
import { ProblemAlert } from "./ProblemAlert";

/** What the dialog shows: the server's preview, with its problems as plain messages. */
export interface PublishPreviewView extends PublishPreviewBase {
  problems: string[];
}

interface PublishDialogProps {
  opened: boolean;
  preview: PublishPreviewView | null;
  onConfirm: () => void;
  onClose: () => void;
  /** The version is being published. */
  publishing?: boolean;
  /** Why publishing failed after all. */
  problem?: string | null;
}

const GROUPS = ["added", "removed", "changed"] as const;

function ChangeLine({ change }: { change: PublishChange }) {
  const { t } = useTranslation();
  const fallback = change.kind.charAt(0).toUpperCase() + change.kind.slice(1);
  const kind = t(`publishDialog.kind.${change.kind}`, { defaultValue: fallback });
  const name = change.name || change.key;
  return (
    <List.Item>
      <Text size="sm" span fw={500}>
        {name ? `${kind} ${name}` : kind}
      </Text>
      {change.details.length > 0 && (
        <Text size="sm" c="dimmed">
          {change.details.join(" ")}
        </Text>
      )}
    </List.Item>
  );
}

/**
 * Asks before publishing a new version of a blueprint or a flow: what changes
 * against the last published version (Added, Removed, Changed), and the checks'
 * result. A problem disables Publish; warnings do not. Cancel has the focus.
 */
export function PublishDialog({ opened, preview, onConfirm, onClose, publishing = false, problem }: PublishDialogProps) {
  const { t } = useTranslation();
  if (!preview) return null;
  const { changes, problems, warnings } = preview;
  const count = changes.added.length + changes.removed.length + changes.changed.length;
  const blocked = problems.length > 0;
  return (
    <Modal opened={opened} onClose={onClose} title={t("publishDialog.title", { number: preview.number })} centered size="lg">
      <Stack gap="md">
        <Stack gap="xs">
          {preview.first ? (
            <Text size="sm">{count ? t("publishDialog.first", { count }) : t("publishDialog.firstNothing")}</Text>
          ) : (
            <Heading level={3} title={t("publishDialog.changesHeading")} />
          )}
          {!preview.first && count === 0 && <Text size="sm">{t("publishDialog.noChanges")}</Text>}
          {GROUPS.filter((group) => changes[group].length > 0).map((group) => (
            <section key={group} aria-label={t(`publishDialog.${group}`)}>
              <Text size="sm" fw={600}>
                {t(`publishDialog.${group}`)}
              </Text>
              <List size="sm" spacing={4}>
                {changes[group].map((change) => (
                  <ChangeLine key={`${change.kind}:${change.key}:${change.name}`} change={change} />
                ))}
              </List>
            </section>
          ))}
        </Stack>
        <Stack gap="xs">
          <Heading level={3} title={t("publishDialog.checksHeading")} />
          {blocked ? (
            <Alert color="red" variant="light" role="alert" title={t("publishDialog.problems", { count: problems.length })}>
              <List size="sm" spacing={4}>
                {problems.map((message, index) => (
                  <List.Item key={index}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <Text size="sm" c="green" fw={500}>
              {t("publishDialog.noProblems")}
            </Text>
          )}
          {warnings.length > 0 && (
            <Alert color="yellow" variant="light" role="note" title={t("publishDialog.warnings")}>
              <List size="sm" spacing={4}>
                {warnings.map((message, index) => (
                  <List.Item key={index}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Stack>
        <ProblemAlert message={problem} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("publishDialog.cancel")}
          </Button>
          <Button onClick={onConfirm} loading={publishing} disabled={blocked}>
            {t("publishDialog.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
