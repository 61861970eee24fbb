import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { entity, signIn, stockItemCalls, tenant } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock", timezone: "Europe/Berlin" });
const entities = "/api/tenants/x-stock/entities";
const record = entity();

function api(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...stockItemCalls(stock),
    [`GET ${entities}/${record.id}`]: record,
    ...overrides,
  });
}

beforeEach(() => signIn());

describe("a new record", () => {
  it("sends typed values: decimals as text, times with the workspace's offset", async () => {
    const fetchMock = api({ [`POST ${entities}`]: () => jsonResponse(201, record) });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-stock/b/stock_item/new");
    expect(await screen.findByRole("heading", { level: 1, name: "New Stock item" })).toBeInTheDocument();
    for (const label of ["Type", "Space", "Weight", "Qty", "Timestamp"]) expect(elementsLabelled(label), label).toHaveLength(1);
    const timestamp = screen.getByLabelText("Timestamp");
    expect(timestamp).toHaveAccessibleDescription("Time in Europe/Berlin");
    expect(screen.getByLabelText("Space")).toHaveAccessibleDescription("Shelf or room");

    await u.click(screen.getByRole("button", { name: "Create record" }));
    expect(screen.getByRole("combobox", { name: "Type" })).toHaveAccessibleDescription(expect.stringContaining("This field is required"));
    expect(callsTo(fetchMock, "POST", entities)).toHaveLength(0);

    await u.click(screen.getByRole("combobox", { name: "Type" }));
    await u.click(await screen.findByRole("option", { name: "BOX" }));
    await u.type(screen.getByLabelText("Weight"), "0,10");
    await u.type(screen.getByLabelText("Qty"), "3");
    fireEvent.change(timestamp, { target: { value: "2025-12-24T18:30" } });
    await u.click(screen.getByRole("button", { name: "Create record" }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/x-stock/e/${record.id}`));
    expect(callsTo(fetchMock, "POST", entities)[0].body).toEqual({
      blueprint: "stock_item",
      data: { type: "BOX", weight: "0.10", qty: 3, timestamp: "2025-12-24T18:30:00+01:00" },
    });
  });

  it("puts the server's messages under the fields", async () => {
    api({
      [`POST ${entities}`]: () =>
        jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { "data.qty": ["Must be at least 1."], space: ["Too long."] } }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-stock/b/stock_item/new");
    await u.click(await screen.findByRole("combobox", { name: "Type" }));
    await u.click(await screen.findByRole("option", { name: "PALLET" }));
    await u.type(screen.getByLabelText("Qty"), "0");
    await u.click(screen.getByRole("button", { name: "Create record" }));
    await waitFor(() => expect(screen.getByLabelText("Qty")).toHaveAccessibleDescription("Must be at least 1."));
    expect(screen.getByLabelText("Space")).toHaveAccessibleDescription(expect.stringContaining("Too long."));
  });
});

describe("a record's page", () => {
  it("shows its version and times, and saves only what changed", async () => {
    const fetchMock = api({
      [`PATCH ${entities}/${record.id}`]: () => jsonResponse(200, entity({ version: 2, data: { ...record.data, qty: 5 } })),
    });
    const u = userEvent.setup();
    renderRoutes(routes, `/t/x-stock/e/${record.id}`);
    expect(await screen.findByRole("heading", { level: 1, name: "A1" })).toBeInTheDocument();
    expect(screen.getByText(/Created Jul 15, 2025, 12:00 PM/)).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Details" }));
    expect(await screen.findByText("Blueprint v1")).toBeInTheDocument();
    await u.keyboard("{Escape}");
    expect(screen.getByLabelText("Timestamp")).toHaveValue("07/15/2025 12:00 PM");
    expect(screen.getByLabelText("Weight")).toHaveValue("12.50");

    await u.clear(screen.getByLabelText("Qty"));
    await u.type(screen.getByLabelText("Qty"), "5");
    await u.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Changes saved")).toBeInTheDocument();
    expect(callsTo(fetchMock, "PATCH", `${entities}/${record.id}`)[0].body).toEqual({ version: 1, data: { qty: 5 } });
  });

  it("says when someone else changed the record first", async () => {
    api({ [`PATCH ${entities}/${record.id}`]: () => jsonResponse(409, { title: "Conflict", status: 409 }) });
    const u = userEvent.setup();
    renderRoutes(routes, `/t/x-stock/e/${record.id}`);
    await u.type(await screen.findByLabelText("Space"), "2");
    await u.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Someone else changed this record; reload to see their changes")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Reload" }));
    await waitFor(() => expect(screen.getByLabelText("Space")).toHaveValue("A1"));
  });

  it("deletes the record after confirmation", async () => {
    const fetchMock = api({
      [`DELETE ${entities}/${record.id}`]: () => new Response(null, { status: 204 }),
      [`GET ${entities}`]: { items: [], next_cursor: null, count: { value: 0, exact: true } },
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, `/t/x-stock/e/${record.id}`);
    await u.click(await screen.findByRole("button", { name: "Delete" }));
    await u.click(await screen.findByRole("button", { name: "Delete record" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/x-stock/b/stock_item"));
    expect(await screen.findByText("Record deleted")).toBeInTheDocument();
    expect(callsTo(fetchMock, "DELETE", `${entities}/${record.id}`)[0].url.searchParams.get("version")).toBe("1");
  });

  it("returns to the record when its deletion is undone", async () => {
    const fetchMock = api({
      [`DELETE ${entities}/${record.id}`]: () => new Response(null, { status: 204 }),
      [`GET ${entities}`]: { items: [], next_cursor: null, count: { value: 0, exact: true } },
      [`POST /api/tenants/x-stock/trash/records/${record.id}/restore`]: () => jsonResponse(200, record),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, `/t/x-stock/e/${record.id}`);
    await u.click(await screen.findByRole("button", { name: "Delete" }));
    await u.click(await screen.findByRole("button", { name: "Delete record" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/x-stock/b/stock_item"));
    await u.click(await screen.findByRole("button", { name: "Undo" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/x-stock/e/${record.id}`));
    expect(await screen.findByText("Record restored")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `/api/tenants/x-stock/trash/records/${record.id}/restore`)).toHaveLength(1);
  });
});
