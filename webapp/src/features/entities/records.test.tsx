import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { EntityPage } from "../../api/entities";
import type { SavedViewRecord } from "../../api/views";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { entity, signIn, stockItemCalls, tenant } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock", timezone: "Europe/Berlin" });
const list = "/api/tenants/x-stock/entities";
const views = "/api/tenants/x-stock/views";
const second = entity({
  id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0002",
  data: { type: "PALLET", space: "B7", weight: "1234567.125", qty: 40, timestamp: null },
  blueprint_version: { id: 20, number: 1 },
  version: 3,
});
const page = (overrides: Partial<EntityPage> = {}): EntityPage => ({
  items: [entity(), second],
  next_cursor: null,
  count: { value: 1200, exact: false },
  ...overrides,
});

function api(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...stockItemCalls(stock),
    [`GET ${list}`]: page(),
    ...overrides,
  });
}

async function openGrid() {
  const view = renderRoutes(routes, "/t/x-stock/b/stock_item");
  const grid = await screen.findByRole("grid", { name: "Records of Stock item" }, { timeout: 5000 });
  return { ...view, grid };
}

/** Fills in the open filter's condition: its column, its operator (null keeps the first one) and its value. */
async function fillCondition(u: UserEvent, column: string, operator: string | null, value: string) {
  await u.click(screen.getByRole("combobox", { name: "Filter column" }));
  await u.click(await screen.findByRole("option", { name: column }));
  if (operator) {
    await u.click(screen.getByRole("combobox", { name: "Filter operator" }));
    await u.click(await screen.findByRole("option", { name: operator }));
  }
  await u.type(screen.getByRole("textbox", { name: "Filter value" }), value);
}

beforeEach(() => signIn());

describe("the records grid", () => {
  it("shows the records with values in the workspace's formats", async () => {
    const fetchMock = api();
    const { grid } = await openGrid();
    expect(screen.getByRole("heading", { level: 1, name: "Stock item" })).toBeInTheDocument();
    expect(screen.getByText(/Showing the columns of version 1/)).toBeInTheDocument();
    expect(screen.getByText("about 1,200 records")).toBeInTheDocument();
    const rows = within(grid).getAllByRole("row");
    expect(rows).toHaveLength(3);
    const first = within(rows[1]).getAllByRole("gridcell").map((cell) => cell.textContent);
    expect(first.slice(1, 7)).toEqual(["BOX", "A1", "12.50", "4", "Jul 15, 2025, 12:00 PM", "Jul 15, 2025, 12:00 PM"]);
    expect(within(rows[2]).getByText("1,234,567.125")).toBeInTheDocument();
    expect(within(rows[1]).getByRole("link", { name: "Open" })).toHaveAttribute("href", `/t/x-stock/e/${entity().id}`);
    expect(within(grid).getByRole("columnheader", { name: "Qty" })).toHaveAttribute("aria-sort", "none");
    const [call] = callsTo(fetchMock, "GET", list);
    expect(Object.fromEntries(call.url.searchParams)).toEqual({ blueprint: "stock_item", limit: "50" });
  });

  it("sorts by header clicks, with Shift for a second column", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    const { grid } = await openGrid();
    const sortParams = () => callsTo(fetchMock, "GET", list).map((call) => call.url.searchParams.get("sort"));

    await u.click(within(grid).getByRole("button", { name: "Qty" }));
    await waitFor(() => expect(within(grid).getByRole("columnheader", { name: "Qty" })).toHaveAttribute("aria-sort", "ascending"));
    fireEvent.click(within(grid).getByRole("button", { name: "Weight" }), { shiftKey: true });
    await u.click(within(grid).getByRole("button", { name: "Qty" }));
    await waitFor(() => expect(within(grid).getByRole("columnheader", { name: "Qty" })).toHaveAttribute("aria-sort", "descending"));
    await waitFor(() =>
      expect(sortParams()).toEqual([
        null,
        '[{"column":"qty","direction":"asc"}]',
        '[{"column":"qty","direction":"asc"},{"column":"weight","direction":"asc"}]',
        '[{"column":"qty","direction":"desc"}]',
      ]),
    );
  });

  it("sends the filter tree and shows the server's filter errors next to the builder", async () => {
    const fetchMock = api({
      [`GET ${list}`]: ({ url }) =>
        url.searchParams.get("filter")
          ? jsonResponse(422, {
              title: "Unprocessable Entity",
              status: 422,
              errors: { "filter.0.value": ["Too large for this column."], filter: ["The filter is too deep."] },
            })
          : jsonResponse(200, page()),
    });
    const u = userEvent.setup();
    await openGrid();
    await u.click(screen.getByRole("button", { name: "Filter" }));
    await fillCondition(u, "Qty", "greater than", "5");
    for (const label of ["Search", "Filter column", "Filter operator", "Filter value"]) expect(elementsLabelled(label), label).toHaveLength(1);
    await u.click(screen.getByRole("button", { name: "Apply filters" }));

    expect(await screen.findByText("Too large for this column.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("The filter is too deep.");
    const filtered = callsTo(fetchMock, "GET", list).find((call) => call.url.searchParams.get("filter"));
    expect(JSON.parse(filtered!.url.searchParams.get("filter")!)).toEqual({ and: [{ column: "qty", op: "gt", value: 5 }] });
  });

  it("checks filter values before sending them", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    await openGrid();
    await u.click(screen.getByRole("button", { name: "Filter" }));
    await fillCondition(u, "Weight", null, "heavy");
    await u.click(screen.getByRole("button", { name: "Apply filters" }));
    expect(await screen.findByText("Enter a number, such as 12.50")).toBeInTheDocument();
    expect(callsTo(fetchMock, "GET", list).every((call) => !call.url.searchParams.get("filter"))).toBe(true);
  });

  it("edits a cell with the keyboard and reports a conflicting change", async () => {
    let conflict = false;
    const fetchMock = api({
      [`PATCH ${list}/${entity().id}`]: () =>
        conflict ? jsonResponse(409, { title: "Conflict", status: 409 }) : jsonResponse(200, entity({ version: 2, data: { ...entity().data, qty: 7 } })),
    });
    const u = userEvent.setup();
    const { grid } = await openGrid();
    const qty = within(within(grid).getAllByRole("row")[1]).getAllByRole("gridcell")[4];
    qty.focus();
    await u.keyboard("{Enter}");
    const editor = within(qty).getByRole("textbox", { name: "Edit Qty" });
    await u.clear(editor);
    await u.type(editor, "7{Enter}");
    await waitFor(() => expect(callsTo(fetchMock, "PATCH", `${list}/${entity().id}`)).toHaveLength(1));
    expect(callsTo(fetchMock, "PATCH", `${list}/${entity().id}`)[0].body).toEqual({ version: 1, data: { qty: 7 } });
    await waitFor(() => expect(within(qty).queryByRole("textbox")).not.toBeInTheDocument());
    expect(qty).toHaveFocus();

    await u.keyboard("{ArrowLeft}");
    const weight = within(within(grid).getAllByRole("row")[1]).getAllByRole("gridcell")[3];
    expect(weight).toHaveFocus();
    conflict = true;
    await u.dblClick(weight);
    await u.type(within(weight).getByRole("textbox", { name: "Edit Weight" }), "1{Enter}");
    expect(await screen.findByText("Someone else changed this record; reload to see their changes")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Reload" }));
    await waitFor(() => expect(screen.queryByText(/Someone else changed this record/)).not.toBeInTheDocument());
  });

  it("cancels an edit with Escape", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    const { grid } = await openGrid();
    const space = within(within(grid).getAllByRole("row")[1]).getAllByRole("gridcell")[2];
    await u.dblClick(space);
    await u.type(within(space).getByRole("textbox", { name: "Edit Space" }), "Z{Escape}");
    expect(within(space).queryByRole("textbox")).not.toBeInTheDocument();
    expect(space).toHaveTextContent("A1");
    expect(callsTo(fetchMock, "PATCH", `${list}/${entity().id}`)).toHaveLength(0);
  });

  it("deletes a record after confirmation", async () => {
    const fetchMock = api({ [`DELETE ${list}/${second.id}`]: () => new Response(null, { status: 204 }) });
    const u = userEvent.setup();
    const { grid } = await openGrid();
    await u.click(within(within(grid).getAllByRole("row")[2]).getByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete this record?" });
    expect(dialog).toHaveTextContent("The record goes to the Trash. You can restore it from there for 30 days");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await u.click(within(dialog).getByRole("button", { name: "Delete record" }));
    expect(await screen.findByText("Record deleted")).toBeInTheDocument();
    expect(screen.getByText("It stays in the Trash for 30 days.")).toBeInTheDocument();
    expect(callsTo(fetchMock, "DELETE", `${list}/${second.id}`)[0].url.searchParams.get("version")).toBe("3");
  });

  it("keeps the record when Enter is pressed twice on its Delete button", async () => {
    const fetchMock = api({ [`DELETE ${list}/${second.id}`]: () => new Response(null, { status: 204 }) });
    const u = userEvent.setup();
    const { grid } = await openGrid();
    within(within(grid).getAllByRole("row")[2]).getByRole("button", { name: "Delete" }).focus();
    await u.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Delete this record?" });
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo(fetchMock, "DELETE", `${list}/${second.id}`)).toHaveLength(0);
    expect(within(grid).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByText("Record deleted")).not.toBeInTheDocument();
  });

  it("brings a deleted record back with Undo", async () => {
    const fetchMock = api({
      [`DELETE ${list}/${second.id}`]: () => new Response(null, { status: 204 }),
      [`POST /api/tenants/x-stock/trash/records/${second.id}/restore`]: () => jsonResponse(200, second),
    });
    const u = userEvent.setup();
    const { grid } = await openGrid();
    await u.click(within(within(grid).getAllByRole("row")[2]).getByRole("button", { name: "Delete" }));
    await u.click(within(await screen.findByRole("dialog", { name: "Delete this record?" })).getByRole("button", { name: "Delete record" }));
    await u.click(await screen.findByRole("button", { name: "Undo" }));
    expect(await screen.findByText("Record restored")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `/api/tenants/x-stock/trash/records/${second.id}/restore`)).toHaveLength(1);
    await waitFor(() => expect(callsTo(fetchMock, "GET", list).length).toBeGreaterThan(2));
  });

  it("pages with the cursor and hides columns", async () => {
    const fetchMock = api({
      [`GET ${list}`]: ({ url }) =>
        jsonResponse(
          200,
          url.searchParams.get("cursor") === "next"
            ? page({ items: [entity({ id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0003", data: { space: "C3" } })], count: { value: 3, exact: true } })
            : page({ next_cursor: "next", count: { value: 3, exact: true } }),
        ),
    });
    const u = userEvent.setup();
    const { grid } = await openGrid();
    expect(screen.getByText("3 records")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Load more" }));
    expect(await within(grid).findByText("C3")).toBeInTheDocument();
    expect(callsTo(fetchMock, "GET", list).at(-1)!.url.searchParams.get("cursor")).toBe("next");

    await u.click(screen.getByRole("button", { name: "Columns" }));
    await u.click(await screen.findByRole("checkbox", { name: "Weight" }));
    expect(within(grid).queryByRole("columnheader", { name: "Weight" })).not.toBeInTheDocument();
  });

  it("combines conditions with Any of these and saves the view for later", async () => {
    const stored: SavedViewRecord[] = [];
    const fetchMock = api({
      [`GET ${views}`]: () => jsonResponse(200, { items: stored }),
      [`POST ${views}`]: ({ body }) => {
        const input = body as Omit<SavedViewRecord, "id" | "updated_at">;
        stored.push({ ...input, id: 31, updated_at: "2025-07-20T10:00:00Z" });
        return jsonResponse(201, stored[0]);
      },
    });
    const u = userEvent.setup();
    await openGrid();
    await u.click(screen.getByRole("button", { name: "Filter" }));
    await u.click(screen.getByRole("radio", { name: "Any of these" }));
    await fillCondition(u, "Space", "contains", "A");
    await u.click(screen.getByRole("button", { name: "Add group" }));
    expect(screen.getAllByRole("radio", { name: "All of these" })).toHaveLength(2);
    await u.click(screen.getByRole("button", { name: "Apply filters" }));
    await waitFor(() =>
      expect(callsTo(fetchMock, "GET", list).at(-1)!.url.searchParams.get("filter")).toBe(
        '{"or":[{"column":"space","op":"contains","value":"A"}]}',
      ),
    );
    expect(screen.getByText("1 filter")).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Save view" }));
    await u.type(await screen.findByLabelText("View name"), "Aisle A");
    await u.click(screen.getByRole("button", { name: "Save this view" }));
    expect(await screen.findByText("View saved")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Views" })).toHaveValue("Aisle A");
    expect(callsTo(fetchMock, "POST", views)[0].body).toEqual({
      blueprint: "stock_item",
      name: "Aisle A",
      config: {
        filter: { or: [{ column: "space", op: "contains", value: "A" }] },
        sort: [],
        columns: ["type", "space", "weight", "qty", "timestamp", "created_at"],
      },
    });

    await u.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(callsTo(fetchMock, "GET", list).at(-1)!.url.searchParams.get("filter")).toBeNull());
    await u.click(screen.getByRole("combobox", { name: "Views" }));
    await u.click(await screen.findByRole("option", { name: "Aisle A" }));
    await waitFor(() => expect(callsTo(fetchMock, "GET", list).at(-1)!.url.searchParams.get("filter")).toContain("contains"));
  });
});
