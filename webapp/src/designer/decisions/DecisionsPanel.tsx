/**
 * The "Decisions" area of the diagram editor: the flow's decision tables,
 * a new one from a starter (one input, one output), opening one in dmn-js,
 * and deleting one. Each save goes to the server at once (it checks the
 * table); the flow it answers with goes to `onSaved`, so the page keeps the
 * draft's lock version and problems current.
 */
import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { deleteDecision, saveDecision, type Flow, type FlowDecision } from "../../api/flows";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { DecisionEditorDialog } from "./DecisionEditorDialog";
import { decisionError } from "./errors";
import { NewDecisionDialog, type NewDecision } from "./NewDecisionDialog";
import { decisionIdFrom, starterTable, type StarterColumn } from "./starter";

export interface DecisionsPanelProps {
  slug: string;
  flowKey: string;
  decisions: FlowDecision[];
  /** The bound blueprint's fields, for a new table's input and output. */
  columns: StarterColumn[];
  canEdit: boolean;
  /** The flow's lock version as the page holds it now (it moves with every save of the draft). */
  lockVersion: () => number;
  onSaved: (flow: Flow) => void;
}

export function DecisionsPanel({ slug, flowKey, decisions, columns, canEdit, lockVersion, onSaved }: DecisionsPanelProps) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = decisions.find((decision) => decision.id === openId) ?? null;

  const adopt = (flow: Flow) => {
    onSaved(flow);
    return flow.draft.decisions ?? [];
  };

  const create = async (choice: NewDecision) => {
    setBusy(true);
    setError(null);
    const id = decisionIdFrom(choice.name, decisions.map((decision) => decision.id));
    try {
      adopt(await saveDecision(slug, flowKey, id, starterTable(id, choice.name, choice.input, choice.output), lockVersion()));
      setCreating(false);
      setOpenId(id);
    } catch (failure) {
      setCreating(false);
      setError(decisionError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const save = async (decision: FlowDecision, xml: string) => {
    const after = adopt(await saveDecision(slug, flowKey, decision.id, xml, lockVersion()));
    const kept = after.find((item) => item.xml === xml) ?? decision;
    setOpenId(null);
    notifications.show({ message: t("decisions.saved", { name: kept.name }), color: "green" });
  };

  // Deleting asks first: the table goes, and a rule task using it no longer works.
  const [removing, setRemoving] = useState<FlowDecision | null>(null);
  const remove = async (decision: FlowDecision) => {
    setError(null);
    setRemoving(null);
    try {
      adopt(await deleteDecision(slug, flowKey, decision.id));
      notifications.show({ message: t("decisions.deleted", { name: decision.name }) });
    } catch (failure) {
      setError(decisionError(failure, t));
    }
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="flow-decisions-heading">
      <Group justify="space-between">
        <Title order={2} size="h4" id="flow-decisions-heading">
          {t("decisions.heading")}
        </Title>
        {canEdit && (
          <Button variant="default" size="xs" onClick={() => setCreating(true)} disabled={!columns.length}>
            {t("decisions.new")}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" maw={720}>
        {t("decisions.intro")}
      </Text>
      <ProblemAlert message={error} />
      {decisions.length === 0 ? (
        <Text size="sm">{t("decisions.empty")}</Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {decisions.map((decision) => (
            <Group key={decision.id} component="li" justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm" fw={500}>
                  {decision.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("decisions.idLabel", { id: decision.id })}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <Button size="compact-sm" variant="light" onClick={() => setOpenId(decision.id)} aria-label={t("decisions.open", { name: decision.name })}>
                  {t("decisions.openButton")}
                </Button>
                {canEdit && (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(decision)} aria-label={t("decisions.delete", { name: decision.name })}>
                    {t("decisions.deleteButton")}
                  </Button>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t("decisions.deleteTitle", { name: removing?.name ?? "" })}
        body={t("decisions.deleteBody")}
        confirmLabel={t("decisions.deleteButton")}
        danger
        onConfirm={() => removing && void remove(removing)}
        onClose={() => setRemoving(null)}
      />
      {creating && <NewDecisionDialog columns={columns} creating={busy} onCreate={(choice) => void create(choice)} onClose={() => setCreating(false)} />}
      {open && (
        <DecisionEditorDialog
          decision={open}
          canEdit={canEdit}
          onSave={(xml) => save(open, xml)}
          onClose={() => setOpenId(null)}
          describe={(failure) => decisionError(failure, t)}
        />
      )}
    </Stack>
  );
}
