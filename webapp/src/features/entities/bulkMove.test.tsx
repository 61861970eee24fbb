import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { BulkMoveAnswer, BulkMoveResult } from "../../api/bulkMove";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { entity, job, signIn, stockItemCalls, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const list = "/api/tenants/x-stock/entities";
const move = `${list}/move`;
const second = entity({ id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0002", data: { type: "PALLET", space: "B7", qty: 40 } });
const targets = {
  targets: [
    { value: "BOX", label: "Box", column: "type", column_label: "Type" },
    { value: "PALLET", label: "Pallet", column: "type", column_label: "Type" },
  ],
};
const refused = {
  id: second.id,
  title: "B7",
  code: "no_transition" as const,
  reason: "No button moves this record from Pallet to Box.",
};

function api(role: string, overrides: Record<string, Handler | object> = {}) {
  const stock = tenant({ name: "X Stock", slug: "x-stock", role });
  return mockApi({
    ...stockItemCalls(stock),
    [`GET ${list}`]: { items: [entity(), second], next_cursor: null, count: { value: 2, exact: true } },
    [`GET ${move}/targets`]: targets,
    ...overrides,
  });
}

async function openGrid() {
  renderRoutes(routes, "/t/x-stock/b/stock_item");
  return screen.findByRole("grid", { name: "Records of Stock item" }, { timeout: 5000 });
}

async function chooseBoxForAll(u: ReturnType<typeof userEvent.setup>) {
  const grid = await openGrid();
  await u.click(within(grid).getByRole("checkbox", { name: "Select all records on this page" }));
  const bar = await screen.findByRole("region", { name: "Actions for the selected records" });
  expect(within(bar).getByText("2 records selected")).toBeInTheDocument();
  const moveTo = within(bar).getByRole("button", { name: "Move to…" });
  await waitFor(() => expect(moveTo).toBeEnabled(), { timeout: 3000 });
  await u.click(moveTo);
  await u.click(await screen.findByRole("menuitem", { name: "Box" }));
  return screen.findByRole("dialog", { name: "Move to Box?" });
}

beforeEach(() => signIn());

describe("moving several records from the grid", () => {
  it("asks first, moves a few at once and lists the record not moved with the reason", async () => {
    const answer: BulkMoveAnswer = { moved: 1, skipped: 0, refused: [refused], refused_count: 1, job: null };
    const fetchMock = api("editor", { [`POST ${move}`]: () => jsonResponse(200, answer) });
    const u = userEvent.setup();
    const grid = await openGrid();
    expect(screen.queryByRole("region", { name: "Actions for the selected records" })).not.toBeInTheDocument();
    await u.click(within(grid).getByRole("checkbox", { name: "Select BOX" }));
    expect(await screen.findByText("1 record selected")).toBeInTheDocument();
    await u.click(within(grid).getByRole("checkbox", { name: "Select BOX" }));
    await waitFor(() => expect(screen.queryByText("1 record selected")).not.toBeInTheDocument());

    const dialog = await chooseBoxForAll(u);
    expect(dialog).toHaveTextContent("2 records are moved to Box (Type)");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(callsTo(fetchMock, "POST", move)).toHaveLength(0);
    await u.click(within(dialog).getByRole("button", { name: "Move 2 records" }));

    const result = await screen.findByRole("dialog", { name: "Moved to Box" }, { timeout: 3000 });
    expect(callsTo(fetchMock, "POST", move)[0].body).toEqual({ ids: [entity().id, second.id], to: "BOX", data: {} });
    expect(within(result).getByText("1 record moved.")).toBeInTheDocument();
    expect(within(result).getByText("1 record could not be moved:")).toBeInTheDocument();
    const item = within(within(result).getByRole("list", { name: "Records not moved" })).getByRole("listitem");
    expect(item).toHaveTextContent("B7: No button moves this record from Pallet to Box.");
    expect(within(item).getByRole("link", { name: "B7" })).toHaveAttribute("href", `/t/x-stock/e/${second.id}`);
    // The footer's Close, the last of the two (the × in the title bar has that name too).
    await u.click(within(result).getAllByRole("button", { name: "Close" }).at(-1)!);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(grid).getByRole("checkbox", { name: "Select all records on this page" })).not.toBeChecked();
  }, 15_000);

  it("shows a big move's progress, then the records not moved", async () => {
    const result: BulkMoveResult = { moved: 1, skipped: 0, refused: [refused], refused_count: 1 };
    const answer: BulkMoveAnswer = { moved: 0, skipped: 0, refused: [], refused_count: 0, job: "job-1" };
    const states = [
      job({ kind: "records.move", status: "running", done: 1, total: 2 }),
      job<BulkMoveResult>({ kind: "records.move", status: "done", done: 2, total: 2, result }),
    ];
    api("owner", {
      [`POST ${move}`]: () => jsonResponse(202, answer),
      "GET /api/tenants/x-stock/jobs/job-1": () => jsonResponse(200, states.length > 1 ? states.shift() : states[0]),
    });
    const u = userEvent.setup();
    const dialog = await chooseBoxForAll(u);
    await u.click(within(dialog).getByRole("button", { name: "Move 2 records" }));

    const running = await screen.findByRole("dialog", { name: "Moving to Box" }, { timeout: 3000 });
    expect(within(running).getByText(/in the background/)).toBeInTheDocument();
    expect(await within(running).findByText("1 of 2", {}, { timeout: 3000 })).toBeInTheDocument();
    expect(await within(running).findByText("2 of 2", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(within(running).getByText("1 record moved.")).toBeInTheDocument();
    expect(within(running).getByRole("link", { name: "B7" })).toBeInTheDocument();
  }, 15_000);

  it("offers no selection to people who only read", async () => {
    api("viewer");
    const grid = await openGrid();
    expect(within(grid).queryByRole("checkbox")).not.toBeInTheDocument();
  });
});
