import { Table } from "@mantine/core";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderPage } from "../../test/render";
import { HeaderRow } from "./HeaderRow";
import { Heading } from "./Heading";

describe("Heading", () => {
  it("gives a page its h1 with the intro under it", () => {
    renderPage(<Heading title="Blueprints" intro="What your records look like." />);
    expect(screen.getByRole("heading", { level: 1, name: "Blueprints" })).toBeInTheDocument();
    expect(screen.getByText("What your records look like.")).toBeInTheDocument();
  });

  it("gives a section the level it asks for, with an id to name the section by", () => {
    renderPage(
      <section aria-labelledby="keys-title">
        <Heading level={2} id="keys-title" title="API keys" />
      </section>,
    );
    expect(screen.getByRole("heading", { level: 2, name: "API keys" })).toHaveAttribute("id", "keys-title");
    expect(screen.getByRole("region", { name: "API keys" })).toBeInTheDocument();
  });
});

describe("HeaderRow", () => {
  it("names every column, hidden labels included, in order", () => {
    renderPage(
      <Table>
        <HeaderRow cells={["Name", { label: "Size", width: 120 }, { label: "Actions", hidden: true }]} />
        <Table.Tbody />
      </Table>,
    );
    const headers = within(screen.getByRole("table")).getAllByRole("columnheader");
    expect(headers.map((header) => header.textContent)).toEqual(["Name", "Size", "Actions"]);
  });
});
