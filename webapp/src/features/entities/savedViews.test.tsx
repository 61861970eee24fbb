import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { SavedViewRecord } from "../../api/views";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { entity, signIn, stockItemCalls, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock" });
const list = "/api/tenants/x-stock/entities";
const views = "/api/tenants/x-stock/views";
const heavy: SavedViewRecord = {
  id: 5,
  name: "Heavy",
  blueprint: "stock_item",
  config: {
    filter: { and: [{ column: "weight", op: "gt", value: "100" }] },
    sort: [{ column: "weight", direction: "desc" }],
    columns: ["type", "weight"],
  },
  updated_at: "2025-07-20T10:00:00Z",
};

function api(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...stockItemCalls(stock),
    [`GET ${list}`]: { items: [entity()], next_cursor: null },
    [`GET ${views}`]: { items: [heavy] },
    ...overrides,
  });
}

async function openGrid() {
  renderRoutes(routes, "/t/x-stock/b/stock_item");
  return screen.findByRole("grid", { name: "Records of Stock item" });
}

async function chooseView(u: ReturnType<typeof userEvent.setup>, name: string) {
  await u.click(screen.getByRole("combobox", { name: "Views" }));
  await u.click(await screen.findByRole("option", { name }));
}

beforeEach(() => signIn());

describe("saved views on the server", () => {
  it("asks for this blueprint's views and applies one's filter, sorting and columns", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    const grid = await openGrid();
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Views" })).toBeEnabled());
    expect(callsTo(fetchMock, "GET", views)[0].url.searchParams.get("blueprint")).toBe("stock_item");

    await chooseView(u, "Heavy");
    await waitFor(() => {
      const params = callsTo(fetchMock, "GET", list).at(-1)!.url.searchParams;
      expect(params.get("filter")).toBe('{"and":[{"column":"weight","op":"gt","value":"100"}]}');
      expect(params.get("sort")).toBe('[{"column":"weight","direction":"desc"}]');
    });
    // The first header holds only the "select all" box.
    expect(within(grid).getAllByRole("columnheader").map((header) => header.textContent)).toEqual(["", "Type", "Weight↓", "Version", "Actions"]);
    expect(screen.getByText("1 filter")).toBeInTheDocument();
  });

  it("replaces a view saved under the same name, and removes one", async () => {
    const fetchMock = api({
      [`PATCH ${views}/5`]: ({ body }) => jsonResponse(200, { ...heavy, ...(body as object) }),
      [`DELETE ${views}/5`]: () => new Response(null, { status: 204 }),
    });
    const u = userEvent.setup();
    await openGrid();
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Views" })).toBeEnabled());
    await chooseView(u, "Heavy");
    await u.click(screen.getByRole("button", { name: "Save view" }));
    expect(await screen.findByLabelText("View name")).toHaveValue("Heavy");
    await u.click(screen.getByRole("button", { name: "Save this view" }));
    expect(await screen.findByText("View saved")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", views)).toHaveLength(0);
    expect(callsTo(fetchMock, "PATCH", `${views}/5`)[0].body).toEqual({ config: heavy.config });

    // Removing asks first, on Cancel: Cancel keeps the view.
    await u.click(screen.getByRole("button", { name: "Remove view" }));
    let ask = await screen.findByRole("dialog", { name: "Remove the view “Heavy”?" });
    await waitFor(() => expect(within(ask).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(ask).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo(fetchMock, "DELETE", `${views}/5`)).toHaveLength(0);
    await u.click(screen.getByRole("button", { name: "Remove view" }));
    ask = await screen.findByRole("dialog", { name: "Remove the view “Heavy”?" });
    await u.click(within(ask).getByRole("button", { name: "Remove view" }));
    expect(await screen.findByText("View removed")).toBeInTheDocument();
    expect(callsTo(fetchMock, "DELETE", `${views}/5`)).toHaveLength(1);
    expect(screen.getByRole("combobox", { name: "Views" })).toHaveValue("");
  });

  it("shows the server's message when a name is taken", async () => {
    api({
      [`POST ${views}`]: () =>
        jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { name: ["You already have a view with this name."] } }),
    });
    const u = userEvent.setup();
    await openGrid();
    await u.click(screen.getByRole("button", { name: "Save view" }));
    await u.type(await screen.findByLabelText("View name"), "Light");
    await u.click(screen.getByRole("button", { name: "Save this view" }));
    expect(await screen.findByText("You already have a view with this name.")).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "Save view" })).toBeInTheDocument();
  });
});
