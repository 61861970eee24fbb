import { Button, Group, Modal, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { EntityData } from "../../api/entities";
import type { InboxItem } from "../../api/inbox";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { FieldInput } from "../entities/FieldInput";
import { inputToStored, storedToInput, type InputValue } from "../entities/values";
import { useCompleteTransition } from "./queries";
import { itemTitle } from "./people";
import { transitionProblem } from "./transitionErrors";

interface TransitionDialogProps {
  slug: string;
  timeZone: string;
  /** The transition to do; the dialog is open while there is one. */
  item: InboxItem | null;
  /** The record's name, shown above the fields (default: the item's record title). */
  title?: string;
  /** The record's current values (the record page has fresher ones than the item). */
  data?: EntityData;
  onClose: () => void;
  /** 409: someone else did the step; the dialog closes and the page says so. */
  onConflict: (message: string) => void;
}

function initialInputs(item: InboxItem, data: EntityData, timeZone: string): Record<string, InputValue> {
  return Object.fromEntries(
    item.fields.map((column) => [column.key, storedToInput(column, column.key in data ? data[column.key] : column.default, timeZone)]),
  );
}

function TransitionForm({ slug, timeZone, item, title, data, onClose, onConflict }: TransitionDialogProps & { item: InboxItem }) {
  const { t } = useTranslation();
  const complete = useCompleteTransition(slug);
  const [values, setValues] = useState(() => initialInputs(item, data ?? item.entity.data, timeZone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const keys = item.fields.map((column) => column.key);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const out: EntityData = {};
    const found: Record<string, string> = {};
    for (const column of item.fields) {
      const parsed = inputToStored(column, values[column.key] ?? null, timeZone);
      if (!parsed.ok) found[column.key] = t(`values.problems.${parsed.problem}`);
      else if (column.required && (parsed.value === null || parsed.value === "")) found[column.key] = t("values.required");
      else out[column.key] = parsed.value;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    complete.mutate(
      { item, data: out },
      {
        onSuccess: () => {
          notifications.show({ message: t("work.done", { label: item.label }), color: "green" });
          onClose();
        },
        onError: (error) => {
          const result = transitionProblem(error, keys, t, item);
          if (result.conflict) {
            onConflict(result.message ?? t("work.conflict"));
            onClose();
            return;
          }
          setErrors(result.fields);
          setProblem(result.message);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" fw={600}>
          {t("work.dialog.record", { title: title ?? itemTitle(item.entity, t) })}
        </Text>
        <Text size="sm" c="dimmed">
          {item.fields.length ? t("work.dialog.fill") : t("work.dialog.confirm", { label: item.label })}
        </Text>
        {item.fields.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: item.fields.length > 1 ? 2 : 1 }} spacing="md">
            {item.fields.map((column, index) => (
              <FieldInput
                key={column.key}
                column={column}
                label={column.label}
                description={[column.help_text, column.required ? t("values.requiredHint") : ""].filter(Boolean).join(" · ") || undefined}
                value={values[column.key] ?? null}
                onChange={(value) => {
                  setValues((current) => ({ ...current, [column.key]: value }));
                  if (errors[column.key]) setErrors(({ [column.key]: _, ...rest }) => rest);
                }}
                error={errors[column.key]}
                timeZone={timeZone}
                slug={slug}
                autoFocus={index === 0}
              />
            ))}
          </SimpleGrid>
        )}
        <ProblemAlert message={problem} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={complete.isPending} data-autofocus={item.fields.length ? undefined : true}>
            {item.label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The transition's dialog, titled by its label: the record, the form's fields
 * (typed inputs for their column types) and a confirm button named by the label.
 * The record page opens it for transitions with fields; the inbox for every one.
 */
export function TransitionDialog(props: TransitionDialogProps) {
  // The last item stays in the dialog while it closes.
  const last = useRef<InboxItem | null>(null);
  if (props.item) last.current = props.item;
  const item = props.item ?? last.current;
  return (
    <Modal opened={!!props.item} onClose={props.onClose} title={item?.label} centered size={item && item.fields.length > 1 ? "lg" : "md"}>
      {item && <TransitionForm key={item.id} {...props} item={item} />}
    </Modal>
  );
}
