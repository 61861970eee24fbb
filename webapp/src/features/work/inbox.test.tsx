import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { InboxItem } from "../../api/inbox";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { signIn, testUser } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";
import { api, baseRoutes, deliveryBlueprint, inboxItem, instance, record } from "./testData";

const inbox = `${api}/inbox`;
const page = (items: InboxItem[], next_cursor: string | null = null) => ({ items, next_cursor });
const flowList = {
  items: [
    { key: "delivery", name: "Delivery flow", blueprint: { key: "delivery", name: "Delivery" } },
    { key: "restock", name: "Restock", blueprint: { key: "stock_item", name: "Stock item" } },
  ],
  next_cursor: null,
};

function mock(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...baseRoutes(),
    [`GET ${api}/blueprints`]: { items: [deliveryBlueprint], next_cursor: null },
    [`GET ${api}/flows`]: flowList,
    [`GET ${inbox}`]: page([inboxItem()]),
    ...overrides,
  });
}

async function openInbox(search = "") {
  const view = renderRoutes(routes, `/t/x-delivery-system/inbox${search}`);
  expect(await screen.findByRole("heading", { level: 1, name: "Inbox" })).toBeInTheDocument();
  return view;
}

const lastQuery = (fetchMock: ReturnType<typeof mock>) => callsTo(fetchMock, "GET", inbox).at(-1)!.url.searchParams;

beforeEach(() => signIn());

describe("the inbox", () => {
  it("lists waiting tasks with their record, step, flow, assignee and due date", async () => {
    mock({
      [`GET ${inbox}`]: page([
        inboxItem({ due_at: "2020-01-01T10:00:00Z", assignee: { id: 7, email: "bob@loom.test" } }),
        inboxItem({ id: "task-2", label: "Delivered", entity: { ...inboxItem().entity, title: null } }),
      ]),
    });
    await openInbox();
    const table = await screen.findByRole("table", { name: "Waiting tasks" });
    const [, first, second] = within(table).getAllByRole("row");
    expect(within(first).getByRole("link", { name: "Piano" })).toHaveAttribute("href", `/t/x-delivery-system/e/${record().id}`);
    expect(first).toHaveTextContent("Delivery started");
    expect(first).toHaveTextContent("Delivery flow");
    expect(first).toHaveTextContent("bob@loom.test");
    expect(within(first).getByText("Overdue since Jan 1, 2020, 11:00 AM")).toBeInTheDocument();
    expect(first).toHaveTextContent("Nov 24, 2026, 9:00 AM");
    expect(second).toHaveTextContent("Record 5d0c1a2b");
    expect(second).toHaveTextContent("Nobody yet");
    expect(second).toHaveTextContent("No due date");
    expect(screen.getByRole("link", { name: "Inbox" })).toHaveAttribute("aria-current", "page");
  });

  it("says so when nothing waits", async () => {
    mock({ [`GET ${inbox}`]: page([]) });
    await openInbox();
    expect(await screen.findByRole("heading", { name: "Nothing waits for you" })).toBeInTheDocument();
    expect(screen.getByText("Tasks appear here when a record reaches a step people do.")).toBeInTheDocument();
  });

  it("builds the query string from the filters", async () => {
    const fetchMock = mock({ [`GET ${inbox}`]: () => jsonResponse(200, page([])) });
    const u = userEvent.setup();
    await openInbox();
    await screen.findByRole("heading", { name: "Nothing waits for you" });
    expect(Object.fromEntries(lastQuery(fetchMock))).toEqual({ limit: "50" });

    await u.click(screen.getByRole("radio", { name: "Mine" }));
    await waitFor(() => expect(lastQuery(fetchMock).get("assignee")).toBe("me"));
    await u.click(screen.getByRole("radio", { name: "Overdue" }));
    await waitFor(() => expect(lastQuery(fetchMock).get("due")).toBe("overdue"));
    expect(await screen.findByRole("heading", { name: "No tasks match these filters" })).toBeInTheDocument();

    await u.click(screen.getByRole("combobox", { name: "Blueprint" }));
    await u.click(await screen.findByRole("option", { name: "Delivery" }));
    await waitFor(() => expect(lastQuery(fetchMock).get("blueprint")).toBe("delivery"));
    await u.click(screen.getByRole("combobox", { name: "Flow" }));
    // Only the chosen blueprint's flows are offered.
    expect(screen.queryByRole("option", { name: "Restock" })).not.toBeInTheDocument();
    await u.click(await screen.findByRole("option", { name: "Delivery flow" }));
    await waitFor(() => expect(lastQuery(fetchMock).get("flow")).toBe("delivery"));

    await u.click(screen.getByRole("button", { name: "Filter by fields" }));
    await u.click(await screen.findByRole("combobox", { name: "Filter column" }));
    await u.click(await screen.findByRole("option", { name: "Status" }));
    await u.click(screen.getByRole("combobox", { name: "Filter value" }));
    await u.click(await screen.findByRole("option", { name: "IN_PROGRESS" }));
    await u.click(screen.getByRole("button", { name: "Apply filters" }));
    await waitFor(() =>
      expect(Object.fromEntries(lastQuery(fetchMock))).toEqual({
        assignee: "me",
        due: "overdue",
        blueprint: "delivery",
        flow: "delivery",
        filter: '{"and":[{"column":"status","op":"eq","value":"IN_PROGRESS"}]}',
        limit: "50",
      }),
    );

    await u.click(screen.getByRole("button", { name: "Show all tasks" }));
    await waitFor(() => expect(Object.fromEntries(lastQuery(fetchMock))).toEqual({ limit: "50" }));
    expect(screen.getByRole("radio", { name: "Everyone" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Any time" })).toBeChecked();
  });

  it("keeps the filters in the address, and a link with filters opens with them set", async () => {
    const filter = '{"and":[{"column":"status","op":"eq","value":"IN_PROGRESS"}]}';
    const fetchMock = mock({ [`GET ${inbox}`]: () => jsonResponse(200, page([])) });
    const u = userEvent.setup();
    const view = await openInbox(`?assignee=me&due=bogus&blueprint=delivery&filter=${encodeURIComponent(filter)}`);
    await screen.findByRole("heading", { name: "No tasks match these filters" });
    expect(Object.fromEntries(lastQuery(fetchMock))).toEqual({ assignee: "me", blueprint: "delivery", filter, limit: "50" });
    expect(screen.getByRole("radio", { name: "Mine" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Any time" })).toBeChecked();
    // The condition in force shows in the open field filter.
    expect(await screen.findByRole("combobox", { name: "Filter column" })).toHaveValue("Status");

    await u.click(screen.getByRole("radio", { name: "Overdue" }));
    await waitFor(() => expect(view.router.state.location.search).toContain("due=overdue"));
    expect(new URLSearchParams(view.router.state.location.search).get("filter")).toBe(filter);

    await u.click(screen.getByRole("button", { name: "Show all tasks" }));
    await waitFor(() => expect(view.router.state.location.search).toBe(""));
  });

  it("claims and unclaims a task", async () => {
    let current = inboxItem();
    const fetchMock = mock({
      [`GET ${inbox}`]: () => jsonResponse(200, page([current])),
      [`POST ${inbox}/task-1/claim`]: () => {
        current = inboxItem({ assignee: { id: testUser.id, email: testUser.email } });
        return jsonResponse(200, current);
      },
      [`POST ${inbox}/task-1/unclaim`]: () => {
        current = inboxItem();
        return jsonResponse(200, current);
      },
    });
    const u = userEvent.setup();
    await openInbox();
    await u.click(await screen.findByRole("button", { name: "Claim Delivery started for Piano" }));
    expect(await screen.findByText("You claimed “Delivery started”")).toBeInTheDocument();
    const unclaim = await screen.findByRole("button", { name: "Unclaim Delivery started for Piano" });
    expect(screen.getByRole("table", { name: "Waiting tasks" })).toHaveTextContent("You (ada@loom.test)");
    await u.click(unclaim);
    expect(await screen.findByRole("button", { name: "Claim Delivery started for Piano" })).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${inbox}/task-1/claim`)).toHaveLength(1);
    expect(callsTo(fetchMock, "POST", `${inbox}/task-1/unclaim`)).toHaveLength(1);
  });

  it("says who holds a task someone else claimed first", async () => {
    mock({
      [`POST ${inbox}/task-1/claim`]: () =>
        jsonResponse(409, { title: "Conflict", status: 409, detail: "bob@loom.test has claimed this task." }),
    });
    const u = userEvent.setup();
    await openInbox();
    await u.click(await screen.findByRole("button", { name: "Claim Delivery started for Piano" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("bob@loom.test has claimed this task.");
  });

  it("completes a task after confirming, even one without fields", async () => {
    let items = [inboxItem()];
    const fetchMock = mock({
      [`GET ${inbox}`]: () => jsonResponse(200, page(items)),
      [`POST ${inbox}/task-1/complete`]: () => {
        items = [];
        return jsonResponse(200, { entity: record({ version: 2 }), instance: instance({ waiting: [] }) });
      },
    });
    const u = userEvent.setup();
    await openInbox();
    await u.click(await screen.findByRole("button", { name: "Complete Delivery started for Piano" }));
    const dialog = await screen.findByRole("dialog", { name: "Delivery started" });
    expect(dialog).toHaveTextContent("Record: Piano");
    expect(callsTo(fetchMock, "POST", `${inbox}/task-1/complete`)).toHaveLength(0);
    await u.click(within(dialog).getByRole("button", { name: "Delivery started" }));
    expect(await screen.findByRole("heading", { name: "Nothing waits for you" })).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${inbox}/task-1/complete`)[0].body).toEqual({ data: {} });
  });

  it("tells when someone else completed the task first and refreshes the list", async () => {
    const message = "Someone else did this step just now; here is where the record is now.";
    const fetchMock = mock({ [`POST ${inbox}/task-1/complete`]: () => jsonResponse(409, { title: "Conflict", status: 409, detail: message }) });
    const u = userEvent.setup();
    await openInbox();
    await u.click(await screen.findByRole("button", { name: "Complete Delivery started for Piano" }));
    const dialog = await screen.findByRole("dialog", { name: "Delivery started" });
    const before = callsTo(fetchMock, "GET", inbox).length;
    await u.click(within(dialog).getByRole("button", { name: "Delivery started" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    await waitFor(() => expect(callsTo(fetchMock, "GET", inbox).length).toBeGreaterThan(before));
  });

  it("disables what the person cannot do, with the reason", async () => {
    mock({ [`GET ${inbox}`]: page([inboxItem({ can_complete: false, member: "carol@loom.test" })]) });
    await openInbox();
    const complete = await screen.findByRole("button", { name: "Complete Delivery started for Piano" });
    expect(complete).toBeDisabled();
    expect(complete).toHaveAccessibleDescription("Only carol@loom.test");
    expect(screen.getByRole("button", { name: "Claim Delivery started for Piano" })).toBeDisabled();
  });

  it("loads more with the cursor", async () => {
    const fetchMock = mock({
      [`GET ${inbox}`]: ({ url }) =>
        jsonResponse(
          200,
          url.searchParams.get("cursor") === "next"
            ? page([inboxItem({ id: "task-9", entity: { ...inboxItem().entity, title: "Sofa" } })])
            : page([inboxItem()], "next"),
        ),
    });
    const u = userEvent.setup();
    await openInbox();
    await u.click(await screen.findByRole("button", { name: "Load more" }));
    expect(await screen.findByRole("link", { name: "Sofa" })).toBeInTheDocument();
    expect(lastQuery(fetchMock).get("cursor")).toBe("next");
  });
});
