import { Button, Stack } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { FormEventHandler, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { FormCard } from "./FormCard";
import { Heading } from "./Heading";
import { ProblemAlert } from "./ProblemAlert";
import { TenantGate } from "./TenantGate";

/** A workspace page that creates one thing: the page title, and the form once the workspace is known. */
export function NewItemPage({ title, children }: { title: string; children: (tenant: Tenant) => ReactNode }) {
  const { slug = "" } = useParams();
  useDocumentTitle(`${title} · Loom`);
  return <TenantGate slug={slug}>{children}</TenantGate>;
}

interface NewItemFormProps {
  title: string;
  intro: string;
  /** Shown above the form: what went wrong with the last try. */
  problem: string | null;
  /** Shown between the intro and the problem, such as why the form cannot be sent yet. */
  notice?: ReactNode;
  onSubmit: FormEventHandler<HTMLFormElement>;
  cancelTo: string;
  submitLabel: string;
  submitting: boolean;
  submitDisabled?: boolean;
  maw?: number;
  gap?: "md" | "lg";
  children: ReactNode;
}

/** The form that creates one thing: title, intro, its fields in a card, and Cancel and the create button. */
export function NewItemForm(props: NewItemFormProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={props.maw ?? 640}>
      <Heading title={props.title} intro={props.intro} size="h1" />
      {props.notice}
      <ProblemAlert message={props.problem} />
      <FormCard
        onSubmit={props.onSubmit}
        gap={props.gap}
        actions={
          <>
            <Button component={Link} to={props.cancelTo} variant="default">
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={props.submitting} disabled={props.submitDisabled}>
              {props.submitLabel}
            </Button>
          </>
        }
      >
        {props.children}
      </FormCard>
    </Stack>
  );
}
