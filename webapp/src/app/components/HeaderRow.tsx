import type { ReactNode } from "react";
import { Table, VisuallyHidden } from "@mantine/core";

/** One column heading: its text, or its text with a width or a label only screen readers read. */
export type HeaderCell = ReactNode | { label: ReactNode; width?: number | string; hidden?: boolean };

function isCell(cell: HeaderCell): cell is { label: ReactNode; width?: number | string; hidden?: boolean } {
  return typeof cell === "object" && cell !== null && "label" in cell;
}

/** A table's head row from its column headings, in order. */
export function HeaderRow({ cells }: { cells: HeaderCell[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {cells.map((cell, index) =>
          isCell(cell) ? (
            <Table.Th key={index} scope="col" w={cell.width}>
              {cell.hidden ? <VisuallyHidden>{cell.label}</VisuallyHidden> : cell.label}
            </Table.Th>
          ) : (
            <Table.Th key={index} scope="col">
              {cell}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
