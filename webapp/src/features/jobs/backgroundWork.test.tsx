import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Job } from "../../api/jobs";
import { callsTo, mockApi } from "../../test/api";
import { BackgroundWorkButton } from "../../app/shell/BackgroundWorkButton";
import { blueprintSummary, job, signIn, tenant } from "../../test/fixtures";
import { jsonResponse, renderPage } from "../../test/render";
import { outcomeOf } from "./BackgroundWork";

const path = "/api/tenants/x-stock/jobs";
const blueprintsPath = "/api/tenants/x-stock/blueprints";
const BLUEPRINT = "b-1";
const blueprints = { items: [blueprintSummary({ id: BLUEPRINT, name: "Stock item" })], next_cursor: null };

const exported = job({
  id: "job-export",
  kind: "entities.export",
  status: "done",
  done: 2,
  total: 2,
  params: { blueprint_id: BLUEPRINT },
  blueprint_name: "Stock item",
  result: { file_id: "f-1", name: "stock_item-20260701-1000.csv", rows: 2, download_url: "/api/downloads/signed" },
  finished_at: "2025-07-20T10:00:05Z",
});
const imported = job({
  id: "job-import",
  kind: "entities.import",
  status: "done",
  done: 3,
  total: 3,
  params: { blueprint_id: BLUEPRINT },
  blueprint_name: "Stock item",
  result: { created: 2, failed: 1, errors: [] },
  finished_at: "2025-07-20T09:00:05Z",
});

const checked = job({
  id: "job-check",
  kind: "entities.import",
  status: "done",
  done: 3,
  total: 3,
  params: { blueprint_id: BLUEPRINT, check: true },
  blueprint_name: "Stock item",
  result: { valid: 2, failed: 1, errors: [] },
  finished_at: "2025-07-20T08:59:00Z",
});

/** The workspace's API: its details and blueprints, and what a test adds or answers otherwise. */
function mockWorkspace(routes: Parameters<typeof mockApi>[0]) {
  return mockApi({ "GET /api/tenants/x-stock": tenant({ slug: "x-stock" }), [`GET ${blueprintsPath}`]: blueprints, ...routes });
}

/** The panel as the workspace header shows it. */
function render() {
  renderPage(<BackgroundWorkButton slug="x-stock" />);
}

async function openDrawer() {
  const u = userEvent.setup();
  render();
  await u.click(await screen.findByRole("button", { name: /^Background work/ }));
  return { u, drawer: await screen.findByRole("dialog", { name: "Background work" }) };
}

/** Answers a paged list: the page a cursor names, the first without one. */
function paged<T>(pages: Record<string, { items: T[]; next_cursor: string | null }>) {
  return ({ url }: { url: URL }) => jsonResponse(200, pages[url.searchParams.get("cursor") ?? ""]);
}

beforeEach(() => signIn());

describe("Background work", () => {
  it("says what will show up when there is nothing yet", async () => {
    mockWorkspace({ [`GET ${path}`]: { items: [], next_cursor: null } });
    const u = userEvent.setup();
    render();
    await u.click(await screen.findByRole("button", { name: "Background work: your imports, exports and version changes" }));
    const drawer = await screen.findByRole("dialog", { name: "Background work" });
    expect(await within(drawer).findByText("Nothing here yet")).toBeInTheDocument();
  });

  it("lists finished work with its outcome and the export's download link", async () => {
    mockWorkspace({ [`GET ${path}`]: { items: [exported, imported, checked], next_cursor: null } });
    const { drawer } = await openDrawer();
    const exportItem = await within(drawer).findByRole("listitem", { name: "Export of Stock item" });
    expect(within(exportItem).getByText("Done")).toBeInTheDocument();
    expect(within(exportItem).getByText("2 records exported")).toBeInTheDocument();
    expect(within(exportItem).getByRole("link", { name: "Download stock_item-20260701-1000.csv" })).toHaveAttribute("href", "/api/downloads/signed");
    const importItem = within(drawer).getByRole("listitem", { name: "Import into Stock item" });
    expect(within(importItem).getByText("Done, with problems")).toBeInTheDocument();
    expect(importItem).toHaveTextContent("2 records created · 1 row was not imported");
    // The check before an import is its own entry, saying what it found, not a second "Import".
    const checkItem = within(drawer).getByRole("listitem", { name: "Checking a file for Stock item" });
    expect(checkItem).toHaveTextContent("2 rows can be imported · 1 row was not imported");
  });

  it("shows older work, a page at a time", async () => {
    const newer = Array.from({ length: 20 }, (_, n) => job({ id: `job-${n}`, kind: "trash.purge", status: "done" }));
    const older = job({ id: "job-old", kind: "entities.export", status: "failed", error: "The disk was full.", params: { blueprint_id: BLUEPRINT }, blueprint_name: "Stock item" });
    const fetchMock = mockWorkspace({
      [`GET ${path}`]: paged({ "": { items: newer, next_cursor: "page-2" }, "page-2": { items: [older], next_cursor: null } }),
    });
    const { u, drawer } = await openDrawer();
    const list = await within(drawer).findByRole("list", { name: "Background work" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(20);
    await u.click(within(drawer).getByRole("button", { name: "Show more" }));
    const oldItem = await within(list).findByRole("listitem", { name: "Export of Stock item" });
    expect(oldItem).toHaveTextContent("The disk was full.");
    expect(within(list).getAllByRole("listitem")).toHaveLength(21);
    // The last page says there is nothing older: no button asks for more.
    expect(within(drawer).queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();
    const asked = callsTo(fetchMock, "GET", path).map((call) => call.url.searchParams.get("cursor"));
    expect(asked).toContain("page-2");
    expect(callsTo(fetchMock, "GET", path).every((call) => call.url.searchParams.get("limit") === "20")).toBe(true);
  });

  it("names each job's blueprint as the list answers it, without reading the workspace's blueprints", async () => {
    const fetchMock = mockWorkspace({
      [`GET ${path}`]: { items: [{ ...exported, params: { blueprint_id: "b-999" }, blueprint_name: "Warehouse" }, imported], next_cursor: null },
    });
    const { drawer } = await openDrawer();
    expect(await within(drawer).findByRole("listitem", { name: "Export of Warehouse" })).toBeInTheDocument();
    expect(within(drawer).getByRole("listitem", { name: "Import into Stock item" })).toBeInTheDocument();
    // The names come with the jobs: no page of blueprints is read for them.
    expect(callsTo(fetchMock, "GET", blueprintsPath)).toEqual([]);
  });

  it("counts what runs and asks again until it is done", async () => {
    const running = job({ id: "job-run", kind: "entities.migrate", status: "running", done: 1, total: 4, params: {} });
    const answers: Job[][] = [[running], [{ ...running, status: "done", done: 4, result: { migrated: 4, lossy: 0, failed: 0, failures: [] } }]];
    const fetchMock = mockWorkspace({ [`GET ${path}`]: () => jsonResponse(200, { items: answers.length > 1 ? answers.shift() : answers[0], next_cursor: null }) });
    render();
    expect(await screen.findByRole("button", { name: "Background work: 1 running" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Background work: your imports, exports and version changes" })).toBeInTheDocument(), {
      timeout: 5000,
    });
    expect(callsTo(fetchMock, "GET", path).length).toBeGreaterThanOrEqual(2);
  }, 10_000);

  it("colours by outcome: work that skipped rows did only part of it", () => {
    expect(outcomeOf(imported)).toBe("partly");
    expect(outcomeOf(exported)).toBe("done");
    expect(outcomeOf(job({ status: "failed" }))).toBe("failed");
    expect(outcomeOf(job({ status: "queued" }))).toBe("running");
  });
});
