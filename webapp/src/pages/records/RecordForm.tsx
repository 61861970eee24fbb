import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import type { BlueprintSummary, BlueprintVersion, VersionSummary } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import type { Tenant } from "../../api/types";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { currentLanguage } from "../../i18n";
import { paths } from "../../app/paths";
import { canEdit } from "../../app/roles";
import { collectChanges, inputsFor } from "../../features/entities/changes";
import { ConflictAlert } from "../../features/entities/ConflictAlert";
import { DeleteRecordDialog } from "../../features/entities/DeleteRecordDialog";
import { recordTitle, resolveLayout } from "../../app/records/layout";
import { useCreateEntity, useDeleteEntity, useUpdateEntity } from "../../features/entities/queries";
import { RecordDetails } from "./RecordDetails";
import { RecordFields } from "../../features/entities/RecordFields";
import { useDeletedNotice } from "../../features/entities/useDeletedNotice";
import { useRecordInputs } from "../../features/entities/useRecordInputs";
import { formatDateTime } from "../../app/format";
import { sameInput } from "../../app/records/values";

interface RecordFormProps {
  tenant: Tenant;
  /** The blueprint; with its versions, a record can be moved between them. */
  blueprint: BlueprintSummary & { versions?: VersionSummary[] };
  /** The version whose columns and form the record follows. */
  version: BlueprintVersion;
  /** The record being edited; none to create one. */
  entity?: Entity;
  /** Fetches the record again (after a conflict). */
  reload?: () => Promise<Entity | undefined>;
  /** Shown between the record's heading and its form (the flow's transitions). */
  beforeForm?: ReactNode;
  /** Shown under the form (the flow's history). */
  afterForm?: ReactNode;
  /** Fields a flow sets, each with the flow's name: read-only here, with a note. */
  lockedFields?: Record<string, string>;
}

/** Creates or edits one record with the blueprint's form. */
export function RecordForm({ tenant, blueprint, version, entity, reload, beforeForm, afterForm, lockedFields }: RecordFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const timeZone = tenant.timezone;
  const slug = tenant.slug;
  const edits = canEdit(tenant);
  const columns = version.columns;
  const sections = resolveLayout(columns, version.form);
  const shown = sections.flatMap((section) => section.columns);
  const { initial, setInitial, values, setValues, errors, setErrors, problem, conflict, change, fail, clear } = useRecordInputs(
    columns,
    entity?.data ?? null,
    timeZone,
  );
  const [deleting, deleteDialog] = useDisclosure(false);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const create = useCreateEntity(slug, blueprint.key);
  const update = useUpdateEntity(slug);
  const remove = useDeleteEntity(slug);
  const announceDeleted = useDeletedNotice(slug);
  const title = entity ? (recordTitle(columns, entity.data) ?? t("recordForm.untitled")) : t("recordForm.newTitle", { name: blueprint.name });
  useDocumentTitle(`${title} · Loom`);

  const reset = (next: Entity) => {
    const inputs = inputsFor(columns, next.data, timeZone);
    setInitial(inputs);
    setValues(inputs);
  };

  // A newer record from elsewhere (a flow transition): untouched fields show
  // its values, fields being edited keep what was typed.
  const seenVersion = useRef(entity?.version);
  useEffect(() => {
    if (!entity || seenVersion.current === entity.version) return;
    seenVersion.current = entity.version;
    const fresh = inputsFor(columns, entity.data, timeZone);
    setValues((current) =>
      Object.fromEntries(columns.map((column) => {
        const key = column.key;
        return [key, sameInput(current[key], initial[key]) ? fresh[key] : current[key]];
      })),
    );
    setInitial(fresh);
  }, [entity?.version]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    const { data, problems } = collectChanges(shown, values, entity ? initial : null, timeZone, t);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    if (!entity) {
      create.mutate(data, {
        onSuccess: (created) => {
          notifications.show({ message: t("recordForm.created"), color: "green" });
          void navigate(paths.record(slug, created.id), { replace: true });
        },
        onError: fail,
      });
    } else if (!Object.keys(data).length) {
      notifications.show({ message: t("recordForm.unchanged"), color: "gray" });
    } else {
      update.mutate(
        { id: entity.id, version: entity.version, data },
        {
          onSuccess: (saved) => {
            reset(saved);
            notifications.show({ message: t("recordForm.saved"), color: "green" });
          },
          onError: fail,
        },
      );
    }
  };

  const confirmDelete = () => {
    if (!entity) return;
    setDeleteProblem(null);
    remove.mutate(
      { id: entity.id, version: entity.version },
      {
        onSuccess: () => {
          deleteDialog.close();
          const id = entity.id;
          // Undo brings the record back and this page with it.
          announceDeleted(id, () => void navigate(paths.record(slug, id)));
          void navigate(paths.records(slug, blueprint.key));
        },
        onError: (error) => setDeleteProblem(describeError(error, t)),
      },
    );
  };

  const reloadRecord = async () => {
    const fresh = await reload?.();
    if (fresh) reset(fresh);
    clear(true);
  };

  const language = currentLanguage();
  const heading = <Title order={1}>{title}</Title>;
  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={6}>
        <Anchor component={Link} to={paths.records(slug, blueprint.key)} size="sm">
          ← {t("recordForm.back", { name: blueprint.name })}
        </Anchor>
        {entity ? (
          <RecordDetails slug={slug} entity={entity} versions={blueprint.versions ?? []} columns={columns} canMove={edits}>
            {heading}
          </RecordDetails>
        ) : (
          heading
        )}
        {entity && (
          <Text size="sm" c="dimmed">
            {t("recordForm.createdAt", { date: formatDateTime(entity.created_at, timeZone, language) })} ·{" "}
            {t("recordForm.updatedAt", { date: formatDateTime(entity.updated_at, timeZone, language) })}
          </Text>
        )}
      </Stack>
      {beforeForm}
      {conflict && <ConflictAlert onReload={() => void reloadRecord()} />}
      <ProblemAlert message={problem} />
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            <RecordFields
              sections={sections}
              values={values}
              onChange={change}
              errors={errors}
              timeZone={timeZone}
              slug={slug}
              disabled={!edits}
              locked={lockedFields}
            />
            {edits ? (
            <Group justify="space-between">
              {entity ? (
                <Button variant="subtle" color="red" onClick={deleteDialog.open}>
                  {t("recordForm.delete")}
                </Button>
              ) : (
                <span />
              )}
              <Button type="submit" loading={create.isPending || update.isPending}>
                {entity ? t("recordForm.save") : t("recordForm.create")}
              </Button>
            </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t("recordForm.readOnly")}
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
      {afterForm}
      <DeleteRecordDialog opened={deleting} onClose={deleteDialog.close} onConfirm={confirmDelete} loading={remove.isPending} problem={deleteProblem} />
    </Stack>
  );
}
