import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Job } from "../../api/jobs";
import { callsTo, mockApi } from "../../test/api";
import { job, signIn } from "../../test/fixtures";
import { jsonResponse, renderPage } from "../../test/render";
import { BackgroundWork, outcomeOf } from "./BackgroundWork";

const path = "/api/tenants/x-stock/jobs";
const BLUEPRINT = "b-1";
const names = () => new Map([[BLUEPRINT, "Stock item"]]);

const exported = job({
  id: "job-export",
  kind: "entities.export",
  status: "done",
  done: 2,
  total: 2,
  params: { blueprint_id: BLUEPRINT },
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
  result: { valid: 2, failed: 1, errors: [] },
  finished_at: "2025-07-20T08:59:00Z",
});

function render() {
  renderPage(<BackgroundWork slug="x-stock" timeZone="Europe/Berlin" useNames={names} />);
}

beforeEach(() => signIn());

describe("Background work", () => {
  it("says what will show up when there is nothing yet", async () => {
    mockApi({ [`GET ${path}`]: { items: [], next_cursor: null } });
    const u = userEvent.setup();
    render();
    await u.click(await screen.findByRole("button", { name: "Background work: your imports, exports and version changes" }));
    const drawer = await screen.findByRole("dialog", { name: "Background work" });
    expect(await within(drawer).findByText("Nothing here yet")).toBeInTheDocument();
  });

  it("lists finished work with its outcome and the export's download link", async () => {
    mockApi({ [`GET ${path}`]: { items: [exported, imported, checked], next_cursor: null } });
    const u = userEvent.setup();
    render();
    await u.click(await screen.findByRole("button", { name: /^Background work/ }));
    const drawer = await screen.findByRole("dialog", { name: "Background work" });
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

  it("counts what runs and asks again until it is done", async () => {
    const running = job({ id: "job-run", kind: "entities.migrate", status: "running", done: 1, total: 4, params: {} });
    const answers: Job[][] = [[running], [{ ...running, status: "done", done: 4, result: { migrated: 4, lossy: 0, failed: 0, failures: [] } }]];
    const fetchMock = mockApi({ [`GET ${path}`]: () => jsonResponse(200, { items: answers.length > 1 ? answers.shift() : answers[0], next_cursor: null }) });
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
