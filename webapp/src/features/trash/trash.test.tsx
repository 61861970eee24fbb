import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { TrashedRecord, TrashItem } from "../../api/trash";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { blueprint, blueprintSummary, job, signIn, tenant, version } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";
import { deleteForGood } from "../../test/typeToConfirm";

const stock = tenant({ name: "X Stock", slug: "x-stock", timezone: "Europe/Berlin" });
const trash = "/api/tenants/x-stock/trash";
const old: TrashItem = { id: 41, key: "old_stock", name: "Old stock", deleted_at: "2025-07-18T08:30:00Z", entity_count: 1200 };
const delivery = blueprintSummary({ id: 12, key: "delivery", name: "Delivery" });

function api(items: TrashItem[], overrides: Record<string, Handler | object> = {}, records: TrashedRecord[] = []) {
  return mockApi({
    "GET /api/tenants/x-stock": stock,
    [`GET ${trash}/records`]: () => jsonResponse(200, { items: records, next_cursor: null }),
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

const item = async (name: string) => (await screen.findByRole("heading", { level: 3, name })).closest("li") as HTMLElement;

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
    await deleteForGood(u, dialog, "Type the name to confirm", "Old stock");

    expect(await within(dialog).findByText("Old stock and its records are deleted.")).toBeInTheDocument();
    expect(within(dialog).getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", "1200");
    expect(callsTo(fetchMock, "DELETE", `${trash}/41`)).toHaveLength(1);
    expect(await screen.findByText("The Trash is empty")).toBeInTheDocument();
    // The footer's Close, the last of the two (the × in the title bar has that name too).
    await u.click(within(dialog).getAllByRole("button", { name: "Close" }).at(-1)!);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});

const boxes: TrashedRecord = {
  id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0009",
  blueprint: "stock_item",
  blueprint_name: "Stock item",
  blueprint_version: { id: 21, number: 1 },
  data: { type: "BOX", space: "A1", weight: "12.50", qty: 4 },
  version: 3,
  created_at: "2025-07-15T10:00:00Z",
  updated_at: "2025-07-16T10:00:00Z",
  deleted_at: "2025-07-20T08:00:00Z",
  deleted_by: { id: 2, email: "bob@loom.test" },
  purge_at: "2025-08-19T08:00:00Z",
};
const recordsUrl = `${trash}/records`;
const version1 = { "GET /api/tenants/x-stock/blueprints/stock_item/versions/1": version() };

describe("deleted records in the Trash", () => {
  it("lists them with their values, who deleted them and until when they can come back", async () => {
    const fetchMock = api([], version1, [boxes]);
    await openTrash();
    const list = await screen.findByRole("list", { name: "Deleted records, newest first" });
    const row = within(list).getByRole("listitem");
    expect(await within(row).findByRole("heading", { level: 3, name: "A1" })).toBeInTheDocument();
    expect(row).toHaveTextContent("Type:BOX");
    expect(row).toHaveTextContent("Space:A1");
    expect(row).toHaveTextContent("Deleted Jul 20, 2025, 10:00 AM by bob@loom.test · Can be restored until Aug 19, 2025, 10:00 AM");
    expect(callsTo(fetchMock, "GET", recordsUrl)[0].url.searchParams.get("limit")).toBe("25");
    // Nothing but records here: no section for deleted blueprints.
    expect(screen.queryByRole("heading", { name: "Deleted blueprints" })).not.toBeInTheDocument();
  });

  it("restores a record and offers to open it", async () => {
    let records = [boxes];
    const fetchMock = api([], {
      ...version1,
      [`GET ${recordsUrl}`]: () => jsonResponse(200, { items: records, next_cursor: null }),
      [`POST ${recordsUrl}/${boxes.id}/restore`]: () => {
        records = [];
        return jsonResponse(200, { ...boxes, deleted_at: undefined });
      },
    });
    const u = userEvent.setup();
    const { router } = await openTrash();
    await u.click(await screen.findByRole("button", { name: "Restore A1" }));
    expect(await screen.findByText("A1 is restored")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${recordsUrl}/${boxes.id}/restore`)).toHaveLength(1);
    expect(await screen.findByText("The Trash is empty")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Open it" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/x-stock/e/${boxes.id}`));
  });

  it("deletes a record for good after a confirmation that starts on Cancel", async () => {
    let records = [boxes];
    const fetchMock = api([old], {
      ...version1,
      [`GET ${recordsUrl}`]: () => jsonResponse(200, { items: records, next_cursor: null }),
      [`DELETE ${recordsUrl}/${boxes.id}`]: () => {
        records = [];
        return new Response(null, { status: 204 });
      },
    });
    const u = userEvent.setup();
    await openTrash();
    await u.click(await screen.findByRole("button", { name: "Delete A1 for good" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete this record for good?" });
    expect(dialog).toHaveTextContent("A1 and its history are deleted now and cannot come back.");
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(dialog).getByRole("button", { name: "Delete for good" }));
    expect(await screen.findByText("The record is deleted for good")).toBeInTheDocument();
    expect(callsTo(fetchMock, "DELETE", `${recordsUrl}/${boxes.id}`)).toHaveLength(1);
    // Deleted blueprints remain, so the records part says only that it has none.
    expect(await screen.findByText("No deleted records")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Deleted blueprints" })).toBeInTheDocument();
  });

  it("pages with Show more", async () => {
    const later = { ...boxes, id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0010", data: { space: "B2" } };
    const fetchMock = api([], {
      ...version1,
      [`GET ${recordsUrl}`]: ({ url }) =>
        jsonResponse(200, url.searchParams.get("cursor") === "c2" ? { items: [later], next_cursor: null } : { items: [boxes], next_cursor: "c2" }),
    });
    const u = userEvent.setup();
    await openTrash();
    await u.click(await screen.findByRole("button", { name: "Show more" }));
    expect(await screen.findByRole("heading", { level: 3, name: "B2" })).toBeInTheDocument();
    expect(callsTo(fetchMock, "GET", recordsUrl)[1].url.searchParams.get("cursor")).toBe("c2");
    expect(screen.queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();
  });

  it("lets editors restore records, but not delete them for good or see deleted blueprints", async () => {
    const editorsStock = { ...stock, role: "editor" };
    const fetchMock = api([old], { ...version1, "GET /api/tenants/x-stock": editorsStock, "GET /api/tenants": { items: [editorsStock], next_cursor: null } }, [boxes]);
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-stock");
    await u.click(await screen.findByRole("link", { name: "Trash" }));
    expect(router.state.location.pathname).toBe("/t/x-stock/trash");
    expect(await screen.findByRole("button", { name: "Restore A1" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete A1 for good" })).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Deleted blueprints" })).not.toBeInTheDocument();
    expect(callsTo(fetchMock, "GET", trash)).toHaveLength(0);
  });
});
