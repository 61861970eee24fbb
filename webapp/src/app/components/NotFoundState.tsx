import { Button } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { EmptyState } from "./EmptyState";

interface NotFoundStateProps {
  /** The page's heading and the browser tab's title. */
  title: string;
  /** Why it may be missing. */
  body: string;
  /** The way back: the button's label and where it goes. */
  backLabel: string;
  backTo: string;
  icon?: ReactNode;
}

/** A whole page saying that what the address names is not there (404), with the way back. */
export function NotFoundState({ title, body, backLabel, backTo, icon }: NotFoundStateProps) {
  useDocumentTitle(`${title} · Loom`);
  return (
    <EmptyState
      title={title}
      order={1}
      icon={icon}
      action={
        <Button component={Link} to={backTo}>
          {backLabel}
        </Button>
      }
    >
      {body}
    </EmptyState>
  );
}
