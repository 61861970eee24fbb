import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { routes } from "../../app/router";
import { mockApi } from "../../test/api";
import { blueprint, blueprintSummary, signIn, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";
import { columnWarnings } from "./columnWarnings";

const stock = tenant({ name: "X Stock", slug: "x-stock" });
const base = "/api/tenants/x-stock/blueprints/stock_item";

function api(patch?: () => Response) {
  return mockApi({
    "GET /api/tenants/x-stock": stock,
    "GET /api/tenants": { items: [stock], next_cursor: null },
    "GET /api/tenants/x-stock/blueprints": { items: [blueprintSummary()], next_cursor: null },
    [`GET ${base}`]: blueprint({ draft_changed: true }),
    ...(patch ? { [`PATCH ${base}`]: patch } : {}),
  });
}

async function openDesigner() {
  renderRoutes(routes, "/t/x-stock/blueprints/stock_item/design");
  expect(await screen.findByRole("heading", { level: 1, name: "Design Stock item" })).toBeInTheDocument();
}

beforeEach(() => signIn());

describe("column warnings", () => {
  const column = (uid: string, label: string, keyEdited = false) => ({ uid, label, keyEdited });

  it("finds names that read as a reserved one and names used twice", () => {
    const warnings = columnWarnings([column("a", "Created at"), column("b", "Space"), column("c", " space "), column("d", "Qty")]);
    expect(warnings).toEqual({
      a: { reserved: "created_at", duplicate: null },
      b: { reserved: null, duplicate: "Space" },
      c: { reserved: null, duplicate: "space" },
    });
  });

  it("leaves a key chosen by hand alone", () => {
    expect(columnWarnings([column("a", "ID", true)])).toEqual({});
  });
});

describe("the designer's columns", () => {
  it("shows the columns every record has, read-only, and why their names are reserved", async () => {
    api();
    await openDesigner();
    const system = screen.getByRole("region", { name: "Columns every record has" });
    for (const key of ["id", "created_at", "updated_at"]) expect(within(system).getByText(key)).toBeInTheDocument();
    expect(system).toHaveTextContent("The keys version, blueprint, tenant_id are reserved too");
    expect(within(system).queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("keeps each column to one row with its options folded", async () => {
    api();
    const u = userEvent.setup();
    await openDesigner();
    const space = screen.getByRole("group", { name: "Column 2" });
    expect(within(space).queryByLabelText("Help text")).not.toBeInTheDocument();
    expect(within(space).getByText("space")).toBeInTheDocument(); // the key, read in the row
    const toggle = within(space).getByRole("button", { name: "Show the options of Space" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await u.click(toggle);
    expect(within(space).getByLabelText("Help text")).toBeInTheDocument();
    expect(within(space).getByRole("button", { name: "Hide the options of Space" })).toHaveAttribute("aria-expanded", "true");
  });

  it("warns when a name reads as a reserved one or another column has it", async () => {
    api();
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("button", { name: "Add column" }));
    const added = screen.getByRole("group", { name: "Column 6" });
    await u.type(within(added).getByLabelText("Column name"), "Created at");
    expect(within(added).getByRole("note")).toHaveTextContent("reads like the column created_at every record already has");
    expect(within(added).getByRole("note")).toHaveTextContent("created_at_value");

    await u.clear(within(added).getByLabelText("Column name"));
    await u.type(within(added).getByLabelText("Column name"), "Space");
    expect(within(added).getByRole("note")).toHaveTextContent('Another column is also called "Space"');
    expect(within(added).getByRole("note")).toHaveTextContent("space_2");
    expect(within(screen.getByRole("group", { name: "Column 2" })).getByRole("note")).toHaveTextContent("Another column is also called");
  });

  it("lists the columns that need attention; a click goes to the column's field", async () => {
    api(() =>
      jsonResponse(422, {
        title: "Unprocessable Entity",
        status: 422,
        errors: { "draft.columns.3.rules.min": ["Must be a whole number."] },
      }),
    );
    const u = userEvent.setup();
    await openDesigner();
    await u.click(screen.getByRole("tab", { name: "Form" }));
    await u.click(screen.getByRole("button", { name: "Save draft" }));
    const banner = await screen.findByRole("alert");
    expect(banner).toHaveTextContent("Some columns need attention");
    await u.click(screen.getByRole("tab", { name: "Form" }));
    await u.click(within(screen.getByRole("alert")).getByRole("button", { name: "Qty" }));
    const qty = screen.getByRole("group", { name: "Column 4" });
    const minimum = within(qty).getByLabelText("Minimum");
    await waitFor(() => expect(minimum).toHaveFocus());
    expect(minimum).toHaveAccessibleDescription(expect.stringContaining("Must be a whole number."));
  });
});
