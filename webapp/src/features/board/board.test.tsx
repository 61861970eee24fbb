import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Board } from "../../api/board";
import type { Column } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { blueprint, column, entity, signIn, tenant, version } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const api = "/api/tenants/x-delivery";
const boardPath = `${api}/board`;
const wait = { timeout: 5000 };

const states = ["PENDING", "IN_PROGRESS", "DELIVERED"];
const columns: Column[] = [
  column("cargo", "Cargo", "text"),
  column("status", "Status", "choice", { options: states.map((value) => ({ value, label: value, color: "blue" })) }),
  column("priority", "Priority", "choice", { options: ["LOW", "HIGH"].map((value) => ({ value, label: value, color: "gray" })) }),
  column("deliver_to", "Deliver to", "text"),
];

function record(n: number, status: string, cargo: string): Entity {
  return entity({ id: `00000000-0000-4000-8000-00000000000${n}`, blueprint: "delivery", data: { cargo, status, deliver_to: `Town ${n}` } });
}

const piano = record(1, "PENDING", "Piano");
const sofa = record(2, "PENDING", "Sofa");
const books = record(3, "IN_PROGRESS", "Books");
const lamp = record(4, "PENDING", "Lamp");

function board(overrides: Partial<Board> = {}): Board {
  return {
    column: "status",
    state_flow: { key: "delivery", name: "Delivery" },
    columns: [
      { value: "PENDING", label: "PENDING", count: 3, items: [piano, sofa], next_cursor: "after-sofa" },
      { value: "IN_PROGRESS", label: "IN_PROGRESS", count: 1, items: [books], next_cursor: null },
      { value: "DELIVERED", label: "DELIVERED", count: 0, items: [], next_cursor: null },
      { value: null, label: "No Status", count: 0, items: [], next_cursor: null },
    ],
    ...overrides,
  };
}

function mock(overrides: Record<string, Handler | object> = {}) {
  const workspace = tenant({ slug: "x-delivery", name: "X Delivery" });
  return mockApi({
    [`GET ${api}`]: workspace,
    "GET /api/tenants": { items: [workspace], next_cursor: null },
    [`GET ${api}/blueprints/delivery`]: blueprint({ key: "delivery", name: "Delivery", draft: { columns, form: null } }),
    [`GET ${api}/blueprints/delivery/versions/1`]: version({ columns }),
    [`GET ${api}/views`]: { items: [] },
    [`GET ${boardPath}`]: board(),
    ...overrides,
  });
}

async function openBoard() {
  renderRoutes(routes, "/t/x-delivery/b/delivery?layout=board");
  await screen.findByRole("group", { name: "Board of Delivery by Status" }, wait);
}

const lane = (name: string) => screen.getByRole("region", { name });
const card = (name: string) => screen.getByRole("article", { name });

function drag(from: HTMLElement, to: HTMLElement) {
  fireEvent.dragStart(from);
  fireEvent.dragEnter(to);
  fireEvent.dragOver(to);
  fireEvent.drop(to);
  fireEvent.dragEnd(from);
}

beforeEach(() => signIn());

describe("the records board", () => {
  it("shows a column per value with its count and cards, and an empty state", async () => {
    const fetchMock = mock();
    await openBoard();
    expect(callsTo(fetchMock, "GET", boardPath)[0].url.searchParams.get("blueprint")).toBe("delivery");
    expect(callsTo(fetchMock, "GET", boardPath)[0].url.searchParams.has("column")).toBe(false);
    expect(within(lane("PENDING")).getByText("3 records")).toBeInTheDocument();
    expect(within(lane("IN_PROGRESS")).getByText("1 record")).toBeInTheDocument();
    expect(within(lane("PENDING")).getByRole("article", { name: "Piano" })).toBeInTheDocument();
    expect(within(lane("PENDING")).getByRole("link", { name: "Piano" })).toHaveAttribute("href", `/t/x-delivery/e/${piano.id}`);
    expect(within(lane("PENDING")).getByText("Deliver to: Town 1")).toBeInTheDocument();
    expect(within(lane("DELIVERED")).getByText("No records here")).toBeInTheDocument();
    expect(within(lane("No Status")).getByText("0 records")).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Board" })).toBeChecked();
  });

  it("refuses a drop no transition leads to, and leaves the card where it was", async () => {
    const message = "No button moves this record from PENDING to DELIVERED.";
    const fetchMock = mock({
      [`POST ${api}/entities/${piano.id}/move`]: () =>
        jsonResponse(422, { title: "Invalid input", status: 422, detail: message, errors: { to: [message] } }),
    });
    await openBoard();
    drag(card("Piano"), lane("DELIVERED"));
    expect(await screen.findByText(message, {}, wait)).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${api}/entities/${piano.id}/move`)[0].body).toEqual({ to: "DELIVERED" });
    expect(within(lane("PENDING")).getByRole("article", { name: "Piano" })).toBeInTheDocument();
    expect(within(lane("DELIVERED")).getByText("No records here")).toBeInTheDocument();
    expect(within(lane("PENDING")).getByText("3 records")).toBeInTheDocument();
  });

  it("asks a transition's form before it moves the card, and sends the values", async () => {
    const receiver = column("receiver", "Receiver", "text", { required: true });
    const moved = { ...piano, data: { ...piano.data, status: "IN_PROGRESS", receiver: "Grace" }, version: 2 };
    const movePath = `${api}/entities/${piano.id}/move`;
    const fetchMock = mock({
      [`POST ${movePath}`]: ({ body }) =>
        (body as { data?: object }).data
          ? jsonResponse(200, { entity: moved, instance: {} })
          : jsonResponse(422, {
              title: "Invalid input",
              status: 422,
              errors: { data: ["“Delivery started” asks for Receiver."] },
              button: { id: "task-1", label: "Delivery started", fields: [receiver] },
            }),
    });
    const u = userEvent.setup();
    await openBoard();
    drag(card("Piano"), lane("IN_PROGRESS"));
    const dialog = await screen.findByRole("dialog", { name: "Delivery started" }, wait);
    expect(within(lane("PENDING")).getByRole("article", { name: "Piano" })).toBeInTheDocument();

    await u.click(within(dialog).getByRole("button", { name: "Delivery started" }));
    expect(await within(dialog).findByText("This field is required")).toBeInTheDocument();
    await u.type(within(dialog).getByLabelText(/Receiver/), "Grace");
    await u.click(within(dialog).getByRole("button", { name: "Delivery started" }));

    await waitFor(() => expect(within(lane("IN_PROGRESS")).getByRole("article", { name: "Piano" })).toBeInTheDocument(), wait);
    expect(callsTo(fetchMock, "POST", movePath).map((call) => call.body)).toEqual([
      { to: "IN_PROGRESS" },
      { to: "IN_PROGRESS", data: { receiver: "Grace" } },
    ]);
    expect(within(lane("PENDING")).queryByRole("article", { name: "Piano" })).not.toBeInTheDocument();
    expect(within(lane("PENDING")).getByText("2 records")).toBeInTheDocument();
    expect(within(lane("IN_PROGRESS")).getByText("2 records")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument(), wait);
  });

  it("moves a card from the keyboard with its “Move to…” menu", async () => {
    const movePath = `${api}/entities/${sofa.id}/move`;
    const fetchMock = mock({
      [`POST ${movePath}`]: { entity: { ...sofa, data: { ...sofa.data, status: "DELIVERED" } }, instance: {} },
    });
    const u = userEvent.setup();
    await openBoard();
    const menu = within(card("Sofa")).getByRole("button", { name: "Move Sofa to…" });
    menu.focus();
    await u.keyboard("{Enter}");
    const items = await screen.findAllByRole("menuitem", {}, wait);
    expect(items.map((item) => item.textContent)).toEqual(["IN_PROGRESS", "DELIVERED"]);
    // As a menu button does: Enter opens the menu on its first item; the arrow goes to the next.
    await waitFor(() => expect(screen.getByRole("menuitem", { name: "IN_PROGRESS" })).toHaveFocus());
    await u.keyboard("{ArrowDown}");
    await waitFor(() => expect(screen.getByRole("menuitem", { name: "DELIVERED" })).toHaveFocus());
    await u.keyboard("{Enter}");

    await waitFor(() => expect(within(lane("DELIVERED")).getByRole("article", { name: "Sofa" })).toBeInTheDocument(), wait);
    expect(callsTo(fetchMock, "POST", movePath)[0].body).toEqual({ to: "DELIVERED" });
    expect(within(lane("DELIVERED")).getByText("1 record")).toBeInTheDocument();
    expect(within(lane("PENDING")).getByText("2 records")).toBeInTheDocument();
    expect(await screen.findByText("Sofa moved to DELIVERED.", {}, wait)).toBeInTheDocument();
  });

  it("asks a column's next page with “Show more” and adds its cards", async () => {
    const fetchMock = mock({ [`GET ${boardPath}/column`]: { items: [lamp], next_cursor: null } });
    const u = userEvent.setup();
    await openBoard();
    expect(within(lane("IN_PROGRESS")).queryByRole("button", { name: /Show more/ })).not.toBeInTheDocument();
    await u.click(within(lane("PENDING")).getByRole("button", { name: "Show more in PENDING" }));

    expect(await within(lane("PENDING")).findByRole("article", { name: "Lamp" }, wait)).toBeInTheDocument();
    const params = callsTo(fetchMock, "GET", `${boardPath}/column`)[0].url.searchParams;
    expect(Object.fromEntries(params)).toMatchObject({ blueprint: "delivery", column: "status", value: "PENDING", cursor: "after-sofa" });
    expect(within(lane("PENDING")).getAllByRole("article").map((one) => one.getAttribute("aria-label"))).toEqual(["Piano", "Sofa", "Lamp"]);
    expect(within(lane("PENDING")).queryByRole("button", { name: /Show more/ })).not.toBeInTheDocument();
  });

  it("groups by another choice column, where cards cannot be moved", async () => {
    const byPriority = board({
      column: "priority",
      state_flow: null,
      columns: [
        { value: "LOW", label: "LOW", count: 1, items: [piano], next_cursor: null },
        { value: "HIGH", label: "HIGH", count: 0, items: [], next_cursor: null },
        { value: null, label: "No Priority", count: 0, items: [], next_cursor: null },
      ],
    });
    const fetchMock = mock({
      [`GET ${boardPath}`]: ({ url }) => jsonResponse(200, url.searchParams.get("column") === "priority" ? byPriority : board()),
    });
    const u = userEvent.setup();
    await openBoard();
    await u.click(screen.getByRole("combobox", { name: "Group by" }));
    await u.click(await screen.findByRole("option", { name: "Priority" }));
    await screen.findByRole("group", { name: "Board of Delivery by Priority" }, wait);
    expect(callsTo(fetchMock, "GET", boardPath).at(-1)!.url.searchParams.get("column")).toBe("priority");
    expect(screen.getByText(/No published flow moves records through Priority/)).toBeInTheDocument();
    expect(within(card("Piano")).queryByRole("button", { name: "Move Piano to…" })).not.toBeInTheDocument();
    expect(within(lane("No Priority")).getByText("No records here")).toBeInTheDocument();
  });

  it("is a layout of the records page, saved in a view with its grouping column", async () => {
    const views = `${api}/views`;
    const fetchMock = mock({
      [`GET ${api}/entities`]: { items: [piano], next_cursor: null },
      [`POST ${views}`]: ({ body }) => jsonResponse(201, { id: 9, blueprint: "delivery", updated_at: "2026-01-01T00:00:00Z", ...(body as object) }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-delivery/b/delivery");
    await screen.findByRole("grid", { name: "Records of Delivery" }, wait);
    expect(callsTo(fetchMock, "GET", boardPath)).toHaveLength(0);

    await u.click(screen.getByRole("radio", { name: "Board" }));
    await screen.findByRole("group", { name: "Board of Delivery by Status" }, wait);
    expect(router.state.location.search).toBe("?layout=board");
    expect(screen.queryByRole("grid")).not.toBeInTheDocument();
    await u.click(screen.getByRole("combobox", { name: "Group by" }));
    await u.click(await screen.findByRole("option", { name: "Priority" }));
    await waitFor(() => expect(router.state.location.search).toBe("?layout=board&group_by=priority"));

    await u.click(screen.getByRole("button", { name: "Save view" }));
    await u.type(await screen.findByLabelText("View name"), "By priority");
    await u.click(screen.getByRole("button", { name: "Save this view" }));
    expect(await screen.findByText("View saved", {}, wait)).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", views)[0].body.config).toMatchObject({ layout: "board", group_by: "priority" });
  });
});
