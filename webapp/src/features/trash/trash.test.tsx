import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { TrashItem } from "../../api/trash";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { blueprint, blueprintSummary, job, signIn, tenant } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock", timezone: "Europe/Berlin" });
const trash = "/api/tenants/x-stock/trash";
const old: TrashItem = { id: 41, key: "old_stock", name: "Old stock", deleted_at: "2025-07-18T08:30:00Z", entity_count: 1200 };
const delivery = blueprintSummary({ id: 12, key: "delivery", name: "Delivery" });

function api(items: TrashItem[], overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    "GET /api/tenants/x-stock": stock,
    "GET /api/tenants": { items: [stock], next_cursor: null },
    [`GET ${trash}`]: () => jsonResponse(200, { items, next_cursor: null }),
    "GET /api/tenants/x-stock/blueprints": { items: [delivery, blueprintSummary({ id: 13, key: "draft_only", name: "Draft only", published_version: null })], next_cursor: null },
    "GET /api/tenants/x-stock/blueprints/delivery": blueprint({
      ...delivery,
      versions: [
        { id: 31, number: 1, published_at: "2025-07-01T10:00:00Z", entity_count: 3 },
        { id: 32, number: 2, published_at: "2025-07-02T10:00:00Z", entity_count: 0 },
      ],
    }),
    ...overrides,
  });
}

async function openTrash() {
  const view = renderRoutes(routes, "/t/x-stock/trash");
  expect(await screen.findByRole("heading", { level: 1, name: "Trash" })).toBeInTheDocument();
  return view;
}

const item = async (name: string) => (await screen.findByRole("heading", { level: 2, name })).closest("li") as HTMLElement;

beforeEach(() => signIn());

describe("the Trash", () => {
  it("is linked from the workspace and says when it is empty", async () => {
    const fetchMock = api([]);
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-stock/settings");
    await u.click(await screen.findByRole("link", { name: "Trash" }));
    expect(router.state.location.pathname).toBe("/t/x-stock/trash");
    expect(await screen.findByText("The Trash is empty")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Trash" })).toHaveAttribute("aria-current", "page");
    expect(callsTo(fetchMock, "GET", trash)[0].url.searchParams.get("limit")).toBe("50");
  });

  it("restores a blueprint as it was", async () => {
    let items = [old];
    const fetchMock = api([], {
      [`GET ${trash}`]: () => jsonResponse(200, { items, next_cursor: null }),
      [`POST ${trash}/41/restore`]: () => {
        items = [];
        return jsonResponse(200, blueprint({ key: "old_stock", name: "Old stock" }));
      },
    });
    const u = userEvent.setup();
    await openTrash();
    const row = await item("Old stock");
    expect(row).toHaveTextContent("Deleted Jul 18, 2025, 10:30 AM · 1,200 records");
    await u.click(within(row).getByRole("button", { name: "Restore" }));
    expect(await screen.findByText("Old stock is back among the blueprints")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${trash}/41/restore`)[0].body).toEqual({ mode: "undelete" });
    expect(await screen.findByText("The Trash is empty")).toBeInTheDocument();
  });

  it("offers attaching when restoring is refused, and attaches the records in the background", async () => {
    const fetchMock = api([old], {
      [`POST ${trash}/41/restore`]: ({ body }) =>
        (body as { mode: string }).mode === "undelete"
          ? jsonResponse(422, { title: "Unprocessable Entity", status: 422, detail: "A blueprint named Old stock exists already." })
          : jsonResponse(202, job({ id: "job-5", kind: "attach" })),
      "GET /api/tenants/x-stock/jobs/job-5": job({ id: "job-5", kind: "attach", status: "done", done: 1200, total: 1200, result: {} }),
    });
    const u = userEvent.setup();
    await openTrash();
    const row = await item("Old stock");
    await u.click(within(row).getByRole("button", { name: "Restore" }));
    expect(await within(row).findByText("A blueprint named Old stock exists already.")).toBeInTheDocument();
    await u.click(within(row).getByRole("button", { name: "Attach the records instead" }));

    const dialog = await screen.findByRole("dialog", { name: "Attach the records of Old stock" });
    for (const label of ["Blueprint", "From version", "To version"]) expect(elementsLabelled(label, dialog), label).toHaveLength(1);
    expect(within(dialog).getByRole("button", { name: "Attach records" })).toBeDisabled();
    await u.click(within(dialog).getByRole("combobox", { name: "Blueprint" }));
    expect(screen.queryByRole("option", { name: "Draft only" })).not.toBeInTheDocument();
    await u.click(await screen.findByRole("option", { name: "Delivery" }));
    await waitFor(() => expect(within(dialog).getByRole("combobox", { name: "To version" })).toHaveValue("Version 2"));
    const from = within(dialog).getByRole("textbox", { name: "From version" });
    expect(from).toHaveValue("1");
    await u.clear(from);
    await u.type(from, "3");
    await u.click(within(dialog).getByRole("button", { name: "Attach records" }));

    expect(await within(dialog).findByText("The records now belong to Delivery.")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${trash}/41/restore`)[1].body).toEqual({
      mode: "attach",
      attach: { blueprint: "delivery", from_version: 3, to_version: 2 },
    });
    await waitFor(() => expect(callsTo(fetchMock, "GET", trash).length).toBeGreaterThan(1));
  });

  it("deletes for good only after the name is typed", async () => {
    let items = [old];
    const fetchMock = api([], {
      [`GET ${trash}`]: () => jsonResponse(200, { items, next_cursor: null }),
      [`DELETE ${trash}/41`]: () => jsonResponse(202, job({ id: "job-6", kind: "purge", total: 1200 })),
      "GET /api/tenants/x-stock/jobs/job-6": () => {
        items = [];
        return jsonResponse(200, job({ id: "job-6", kind: "purge", status: "done", done: 1200, total: 1200, result: {} }));
      },
    });
    const u = userEvent.setup();
    await openTrash();
    await u.click(within(await item("Old stock")).getByRole("button", { name: "Delete for good" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete Old stock for good?" });
    const confirm = within(dialog).getByRole("button", { name: "Delete for good" });
    await u.type(within(dialog).getByLabelText("Type the name to confirm"), "Old");
    expect(confirm).toBeDisabled();
    await u.type(within(dialog).getByLabelText("Type the name to confirm"), " stock");
    await u.click(confirm);

    expect(await within(dialog).findByText("Old stock and its records are deleted.")).toBeInTheDocument();
    expect(within(dialog).getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", "1200");
    expect(callsTo(fetchMock, "DELETE", `${trash}/41`)).toHaveLength(1);
    expect(await screen.findByText("The Trash is empty")).toBeInTheDocument();
    await u.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
