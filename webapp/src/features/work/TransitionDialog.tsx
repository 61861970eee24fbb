import { Modal } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { EntityData } from "../../api/entities";
import type { InboxItem } from "../../api/inbox";
import { TransitionForm, type FormOutcome } from "../../app/components/TransitionForm";
import { useCompleteTransition } from "../../api/queries/work";
import { itemTitle } from "./people";
import { transitionProblem } from "../../app/components/transitionErrors";

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

function TransitionBody({ slug, timeZone, item, title, data, onClose, onConflict }: TransitionDialogProps & { item: InboxItem }) {
  const { t } = useTranslation();
  const complete = useCompleteTransition(slug);
  const keys = item.fields.map((column) => column.key);

  const submit = async (out: EntityData): Promise<FormOutcome | null> => {
    try {
      await complete.mutateAsync({ item, data: out });
    } catch (error) {
      const result = transitionProblem(error, keys, t, item);
      if (!result.conflict) return { fields: result.fields, message: result.message };
      onConflict(result.message ?? t("work.conflict"));
      onClose();
      return null;
    }
    notifications.show({ message: t("work.done", { label: item.label }), color: "green" });
    onClose();
    return null;
  };

  return (
    <TransitionForm
      slug={slug}
      timeZone={timeZone}
      label={item.label}
      fields={item.fields}
      title={title ?? itemTitle(item.entity, t)}
      data={data ?? item.entity.data}
      onCancel={onClose}
      onSubmit={submit}
    />
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
      {item && <TransitionBody key={item.id} {...props} item={item} />}
    </Modal>
  );
}
