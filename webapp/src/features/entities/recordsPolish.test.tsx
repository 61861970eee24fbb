import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EntityPage } from "../../api/entities";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { entity, signIn, stockItemCalls, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";
import { readGridAddress, writeGridAddress } from "./gridAddress";
import { filterFields, gridColumns } from "../../app/records/gridColumns";
import { stockColumns } from "../../test/fixtures";
import i18n from "../../i18n";
import { mediaQueryList } from "../../test/media";

const stock = tenant({ name: "X Stock", slug: "x-stock", timezone: "Europe/Berlin" });
const list = "/api/tenants/x-stock/entities";
const long = "Aisle 14, top shelf behind the loading door, next to the fire extinguisher and the old pallets";
const page = (): EntityPage => ({
  items: [entity({ data: { type: "PALLET", space: long, weight: "12.50", qty: 4, timestamp: null } })],
  next_cursor: null,
  count: { value: 1, exact: true },
});

function api(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...stockItemCalls(stock),
    "GET /api/tenants/x-stock/jobs": { items: [], next_cursor: null },
    [`GET ${list}`]: page(),
    ...overrides,
  });
}

const fields = filterFields(gridColumns(stockColumns, i18n.t));
const qtyFilter = JSON.stringify({ column: "qty", op: "gt", value: 3 });
const qtySort = JSON.stringify([{ column: "qty", direction: "desc" }]);

function smallScreen(small: boolean) {
  vi.mocked(window.matchMedia).mockImplementation((query: string) => mediaQueryList(query, small && query.includes("max-width")));
}

beforeEach(() => signIn());
afterEach(() => smallScreen(false));

describe("the grid's state in the address", () => {
  it("reads search, sort, filter and view, and leaves out what the grid does not know", () => {
    const params = new URLSearchParams({ q: "box", sort: qtySort, filter: qtyFilter, view: "12", layout: "board" });
    const address = readGridAddress(params, fields, "Europe/Berlin");
    expect(address.q).toBe("box");
    expect(address.sorts).toEqual([{ column: "qty", direction: "desc" }]);
    expect(address.view).toBe("12");
    expect(address.filter?.children).toHaveLength(1);

    const broken = new URLSearchParams({ sort: '[{"column":"nope","direction":"asc"}]', filter: "{not json" });
    expect(readGridAddress(broken, fields, "UTC")).toEqual({ q: "", sorts: [], filter: null, view: null });
  });

  it("writes the grid's state and keeps the other parameters", () => {
    const out = writeGridAddress(new URLSearchParams({ layout: "board", q: "old" }), { q: "", sort: qtySort, filter: null, view: null });
    expect(out.get("layout")).toBe("board");
    expect(out.has("q")).toBe(false);
    expect(out.get("sort")).toBe(qtySort);
  });

  it("opens with the address's search, sort and filter, and puts new ones in it", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    const path = `/t/x-stock/b/stock_item?q=A&sort=${encodeURIComponent(qtySort)}&filter=${encodeURIComponent(qtyFilter)}`;
    const { router } = renderRoutes(routes, path);
    const grid = await screen.findByRole("grid", { name: "Records of Stock item" }, { timeout: 5000 });
    const [first] = callsTo(fetchMock, "GET", list);
    expect(first.url.searchParams.get("q")).toBe("A");
    expect(JSON.parse(first.url.searchParams.get("sort")!)).toEqual([{ column: "qty", direction: "desc" }]);
    expect(JSON.parse(first.url.searchParams.get("filter")!)).toEqual({ and: [{ column: "qty", op: "gt", value: 3 }] });
    expect(screen.getByLabelText("Search")).toHaveValue("A");
    expect(screen.getByText("1 filter")).toBeInTheDocument();
    expect(within(grid).getByRole("columnheader", { name: /Qty/ })).toHaveAttribute("aria-sort", "descending");

    await u.click(within(grid).getByRole("button", { name: /Weight/ }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get("sort")).toContain('"weight"'));
    expect(new URLSearchParams(router.state.location.search).get("q")).toBe("A");
  });
});

describe("a saved view in the address", () => {
  it("shows the view's columns, filter and sort after a reload", async () => {
    const heavy = {
      id: 5,
      name: "Heavy",
      blueprint: "stock_item",
      config: { filter: { and: [{ column: "weight", op: "gt", value: "100" }] }, sort: [{ column: "weight", direction: "desc" }], columns: ["type", "weight"] },
      updated_at: "2025-07-20T10:00:00Z",
    };
    const fetchMock = api({ "GET /api/tenants/x-stock/views": { items: [heavy] } });
    const filter = JSON.stringify(heavy.config.filter);
    const sort = JSON.stringify(heavy.config.sort);
    renderRoutes(routes, `/t/x-stock/b/stock_item?view=5&filter=${encodeURIComponent(filter)}&sort=${encodeURIComponent(sort)}`);
    const grid = await screen.findByRole("grid", { name: "Records of Stock item" }, { timeout: 5000 });
    await waitFor(() => expect(within(grid).queryByRole("columnheader", { name: /Space/ })).not.toBeInTheDocument());
    expect(within(grid).getByRole("columnheader", { name: /Weight/ })).toHaveAttribute("aria-sort", "descending");
    const [first] = callsTo(fetchMock, "GET", list);
    expect(JSON.parse(first.url.searchParams.get("filter")!)).toEqual(heavy.config.filter);
  });
});

describe("whole values", () => {
  it("wraps long text and keeps the whole value in its title; chips keep their whole label", async () => {
    api();
    renderRoutes(routes, "/t/x-stock/b/stock_item");
    const grid = await screen.findByRole("grid", { name: "Records of Stock item" }, { timeout: 5000 });
    const cell = within(grid).getByTitle(long);
    expect(cell).toHaveTextContent(long);
    const chip = within(grid).getByText("PALLET");
    expect(chip.closest(".mantine-Badge-root")).toHaveStyle({ overflow: "visible" });
  });
});

describe("records on a small screen", () => {
  it("shows a card per record whose name opens it", async () => {
    smallScreen(true);
    api();
    renderRoutes(routes, "/t/x-stock/b/stock_item");
    const cards = await screen.findByRole("list", { name: "Records of Stock item" }, { timeout: 5000 });
    expect(screen.queryByRole("grid")).not.toBeInTheDocument();
    const link = within(cards).getByRole("link", { name: "PALLET" });
    expect(link).toHaveAttribute("href", `/t/x-stock/e/${entity().id}`);
    expect(within(cards).getByText("Space")).toBeInTheDocument();
    expect(within(cards).getByText("12.50")).toBeInTheDocument();
  });
});

describe("when the records cannot be loaded", () => {
  it("says so with the request id and loads again on Retry", async () => {
    let fail = true;
    const fetchMock = api({
      [`GET ${list}`]: () =>
        fail
          ? jsonResponse(503, { title: "Service Unavailable", status: 503 }, { "X-Request-ID": "req-7f3a" })
          : jsonResponse(200, page()),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-stock/b/stock_item");
    const alert = await screen.findByRole("alert", {}, { timeout: 5000 });
    expect(alert).toHaveTextContent("The records could not be loaded");
    expect(alert).toHaveTextContent("req-7f3a");
    fail = false;
    await u.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("grid", { name: "Records of Stock item" })).toBeInTheDocument();
    expect(callsTo(fetchMock, "GET", list).length).toBeGreaterThanOrEqual(2);
  });
});
