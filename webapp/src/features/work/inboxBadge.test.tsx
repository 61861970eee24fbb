import { focusManager } from "@tanstack/react-query";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboxItem } from "../../api/inbox";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { signIn } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";
import { api, baseRoutes, deliveryBlueprint, inboxItem, instance, record } from "./testData";

const inbox = `${api}/inbox`;
const count = `${inbox}/count`;
const page = (items: InboxItem[]) => ({ items, next_cursor: null });
const wait = { timeout: 5000 };

function mock(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...baseRoutes(),
    [`GET ${api}/blueprints`]: { items: [deliveryBlueprint], next_cursor: null },
    [`GET ${api}/flows`]: page([]),
    [`GET ${inbox}`]: page([inboxItem()]),
    ...overrides,
  });
}

const inboxLink = (name: string) => screen.findByRole("link", { name }, wait);

beforeEach(() => signIn());
afterEach(() => focusManager.setFocused(undefined));

describe("the inbox badge", () => {
  it("counts the tasks that wait for me, and says so to screen readers", async () => {
    mock({ [`GET ${count}`]: { count: 3, more: false } });
    renderRoutes(routes, "/t/x-delivery-system/inbox");
    const link = await inboxLink("Inbox, 3 waiting");
    expect(link).toHaveAttribute("href", "/t/x-delivery-system/inbox");
    expect(within(link).getByText("3")).toBeInTheDocument();
  });

  it("shows nothing when nothing waits for me, and 99+ for a long backlog", async () => {
    mock({ [`GET ${count}`]: { count: 0, more: false } });
    const first = renderRoutes(routes, "/t/x-delivery-system/inbox");
    const link = await inboxLink("Inbox");
    expect(within(link).queryByTestId("inbox-badge")).not.toBeInTheDocument();
    first.unmount();

    mock({ [`GET ${count}`]: { count: 99, more: true } });
    renderRoutes(routes, "/t/x-delivery-system/inbox");
    expect(within(await inboxLink("Inbox, more than 99 waiting")).getByText("99+")).toBeInTheDocument();
  });

  it("counts again after a transition", async () => {
    let items = [inboxItem()];
    const fetchMock = mock({
      [`GET ${inbox}`]: () => jsonResponse(200, page(items)),
      [`GET ${count}`]: () => jsonResponse(200, { count: items.length, more: false }),
      [`POST ${inbox}/task-1/complete`]: () => {
        items = [];
        return jsonResponse(200, { entity: record({ version: 2 }), instance: instance({ waiting: [] }) });
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-delivery-system/inbox");
    await inboxLink("Inbox, 1 waiting");
    await u.click(await screen.findByRole("button", { name: "Complete Delivery started for Piano" }, wait));
    const dialog = await screen.findByRole("dialog", { name: "Delivery started" }, wait);
    await u.click(within(dialog).getByRole("button", { name: "Delivery started" }));
    await inboxLink("Inbox");
    expect(callsTo(fetchMock, "GET", count).length).toBeGreaterThanOrEqual(2);
  });

  it("counts again when the window comes back into focus", async () => {
    let waiting = 1;
    mock({ [`GET ${count}`]: () => jsonResponse(200, { count: waiting, more: false }) });
    renderRoutes(routes, "/t/x-delivery-system/inbox");
    await inboxLink("Inbox, 1 waiting");
    waiting = 2;
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await inboxLink("Inbox, 2 waiting");
  });
});
