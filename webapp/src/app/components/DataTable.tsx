import { Paper, ScrollArea, Table, type TableProps } from "@mantine/core";
import type { ReactNode } from "react";
import { HeaderRow, type HeaderCell } from "./HeaderRow";

type DataTableProps = Omit<TableProps, "children"> & {
  /** The column headings, in order. */
  headers: HeaderCell[];
  /**
   * How the table sits on the page: `boxed`, in a bordered box that scrolls sideways when
   * it must; a number, bare but scrolling sideways below that many pixels; `bare`, as it is.
   */
  framing: "boxed" | "bare" | number;
  /** The name of a last column of buttons: screen readers say it, the eye sees the buttons. */
  actionsLabel?: string;
  /** The body's rows. */
  children: ReactNode;
};

/** A table with its head row and body, framed the way the page needs. */
export function DataTable({ headers, framing, actionsLabel, children, ...table }: DataTableProps) {
  const cells = actionsLabel === undefined ? headers : [...headers, { label: actionsLabel, hidden: true }];
  const content = (
    <Table {...table}>
      <HeaderRow cells={cells} />
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
  if (typeof framing === "number") return <Table.ScrollContainer minWidth={framing}>{content}</Table.ScrollContainer>;
  if (framing === "bare") return content;
  return (
    <Paper withBorder radius="md">
      <ScrollArea type="auto">{content}</ScrollArea>
    </Paper>
  );
}
