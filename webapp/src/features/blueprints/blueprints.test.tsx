import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { routes } from "../../app/router";
import { callsTo, mockApi } from "../../test/api";
import { blueprint, blueprintSummary, signIn, tenant } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock" });

beforeEach(() => signIn());

describe("blueprints on the workspace home", () => {
  it("lists each blueprint as a link to its records, with a link to make another", async () => {
    mockApi({
      "GET /api/tenants/x-stock": stock,
      "GET /api/tenants": { items: [stock], next_cursor: null },
      "GET /api/tenants/x-stock/blueprints": {
        items: [blueprintSummary(), blueprintSummary({ id: 12, key: "supplier", name: "Supplier", published_version: null, entity_count: 0 })],
        next_cursor: null,
      },
    });
    renderRoutes(routes, "/t/x-stock");
    expect(await screen.findByRole("link", { name: "Stock item" })).toHaveAttribute("href", "/t/x-stock/b/stock_item");
    expect(screen.getByRole("link", { name: "Supplier" })).toHaveAttribute("href", "/t/x-stock/b/supplier");
    expect(screen.getByText("Not published yet")).toBeInTheDocument();
    expect(screen.getByText("2 records")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "New blueprint" })).toHaveAttribute("href", "/t/x-stock/blueprints/new");
    expect(screen.queryByRole("button", { name: "Design a blueprint" })).not.toBeInTheDocument();
  });
});

describe("New blueprint", () => {
  it("creates the blueprint and opens its designer", async () => {
    const fetchMock = mockApi({
      "GET /api/tenants/x-stock": stock,
      "GET /api/tenants": { items: [stock], next_cursor: null },
      "GET /api/tenants/x-stock/blueprints": { items: [], next_cursor: null },
      "POST /api/tenants/x-stock/blueprints": () =>
        jsonResponse(201, blueprint({ published_version: null, draft: { columns: [], form: null }, versions: [] })),
      "GET /api/tenants/x-stock/blueprints/stock_item": blueprint({ published_version: null, draft: { columns: [], form: null }, versions: [] }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-stock/blueprints/new");
    expect(await screen.findByRole("heading", { level: 1, name: "New blueprint" })).toBeInTheDocument();
    for (const label of ["Name", "Description"]) expect(elementsLabelled(label)).toHaveLength(1);
    await u.type(screen.getByLabelText("Name"), "Stock item");
    await u.type(screen.getByLabelText("Description"), "Things on our shelves");
    await u.click(screen.getByRole("button", { name: "Create blueprint" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/t/x-stock/blueprints/stock_item/design"));
    expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/blueprints")[0].body).toEqual({
      name: "Stock item",
      description: "Things on our shelves",
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Design Stock item" })).toBeInTheDocument();
    expect(screen.getByText("Not published yet")).toBeInTheDocument();
  });

  it("shows a taken name under the Name field", async () => {
    mockApi({
      "GET /api/tenants/x-stock": stock,
      "GET /api/tenants": { items: [stock], next_cursor: null },
      "POST /api/tenants/x-stock/blueprints": () =>
        jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { name: ["A blueprint with this name exists."] } }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-stock/blueprints/new");
    await u.type(await screen.findByLabelText("Name"), "Stock item");
    await u.click(screen.getByRole("button", { name: "Create blueprint" }));
    await waitFor(() =>
      expect(screen.getByLabelText("Name")).toHaveAccessibleDescription(expect.stringContaining("A blueprint with this name exists.")),
    );
  });
});

describe("Blueprints page", () => {
  it("offers the first blueprint when there is none", async () => {
    mockApi({
      "GET /api/tenants/x-stock": stock,
      "GET /api/tenants": { items: [stock], next_cursor: null },
      "GET /api/tenants/x-stock/blueprints": { items: [], next_cursor: null },
    });
    renderRoutes(routes, "/t/x-stock/blueprints");
    expect(await screen.findByRole("heading", { level: 1, name: "Blueprints" })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Design a blueprint" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation");
    expect(within(nav).getByRole("link", { name: "Blueprints" })).toHaveAttribute("aria-current", "page");
  });
});
