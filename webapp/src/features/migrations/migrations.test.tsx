import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Column } from "../../api/blueprints";
import type { MigrationInput, MigrationPreview, PlanStep } from "../../api/migrations";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { blueprint, blueprintSummary, entity, job, signIn, stockColumns, tenant, version } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock" });
const base = "/api/tenants/x-stock/blueprints/stock_item";
const [type, space, weight, qty] = stockColumns;
// Version 2: space became "shelf", weight is text now, timestamp is gone, status is new.
const v2Columns: Column[] = [
  type,
  { ...space, key: "shelf", label: "Shelf" },
  { ...weight, type: "text" },
  qty,
  { key: "status", label: "Status", type: "choice", required: false, default: null, help_text: "", rules: {}, options: [{ value: "PENDING", label: "Pending", color: "gray" }] },
];
const versions = [
  { id: 21, number: 1, published_at: "2025-07-01T10:00:00Z", entity_count: 6 },
  { id: 22, number: 2, published_at: "2025-07-10T10:00:00Z", entity_count: 1 },
];
const twoVersions = blueprint({ versions, published_version: { id: 22, number: 2, published_at: "2025-07-10T10:00:00Z" } });
const serverPlan: PlanStep[] = [
  { kind: "keep", source: "type", target: "type", rule: "Kept as it is" },
  { kind: "add", target: "shelf", default: null, rule: "New column, empty" },
  { kind: "convert", source: "weight", target: "weight", rule: "Number becomes text" },
  { kind: "keep", source: "qty", target: "qty", rule: "Kept as it is" },
  { kind: "add", target: "status", default: "PENDING", rule: "New column: Pending" },
  { kind: "drop", source: "space", rule: "Kept aside" },
  { kind: "drop", source: "timestamp", rule: "Kept aside" },
];
const record = entity();

function preview(plan: PlanStep[]): MigrationPreview {
  return {
    plan,
    counts: { clean: 2, lossy: 3, fail: 1 },
    examples: {
      lossy: [{ id: record.id, before: { space: "A1" }, after: { shelf: null }, kept_aside: ["space"] }],
      fail: [{ id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0009", before: { weight: "12.5" }, errors: { weight: "Too long for text." } }],
    },
    scanned: 6,
    total: 6,
    complete: true,
  };
}

function api(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    "GET /api/tenants/x-stock": stock,
    "GET /api/tenants": { items: [stock], next_cursor: null },
    "GET /api/tenants/x-stock/blueprints": { items: [blueprintSummary()], next_cursor: null },
    [`GET ${base}`]: twoVersions,
    [`GET ${base}/versions/1`]: version(),
    [`GET ${base}/versions/2`]: version({ id: 22, number: 2, columns: v2Columns }),
    [`POST ${base}/migrations/preview`]: ({ body }) => {
      const input = body as MigrationInput;
      return jsonResponse(200, preview(input.plan ? input.plan.map((step) => ({ ...step, rule: `Rule for ${step.kind}` })) : serverPlan));
    },
    ...overrides,
  });
}

beforeEach(() => signIn());

describe("migrating a blueprint's records", () => {
  it("previews the plan on real records, takes a changed step, and migrates in the background", async () => {
    const fetchMock = api({
      [`POST ${base}/migrations`]: () => jsonResponse(202, job({ id: "job-9", kind: "migration" })),
      "GET /api/tenants/x-stock/jobs/job-9": job({
        id: "job-9",
        status: "done",
        done: 6,
        total: 6,
        result: { migrated: 5, lossy: 3, failed: 1, failures: [{ id: "0b6f8a52-4e0c-4a53-9a53-3d4a5e2c0009", errors: { weight: ["Too long for text."] } }] },
      }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-stock/blueprints/stock_item/design");
    await u.click(await screen.findByRole("tab", { name: "Versions" }));
    expect(screen.queryByRole("button", { name: "Move records from version 2" })).not.toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Move records from version 1" }));

    const dialog = await screen.findByRole("dialog", { name: "Move records to another version" });
    expect(within(dialog).getByRole("combobox", { name: "From version" })).toHaveValue("Version 1");
    expect(within(dialog).getByRole("combobox", { name: "To version" })).toHaveValue("Version 2");
    const source = await within(dialog).findByRole("combobox", { name: "Source for Shelf" });
    expect(source).toHaveValue("(new, use default)");
    expect(callsTo(fetchMock, "POST", `${base}/migrations/preview`)[0].body).toEqual({ from_version: 1, to_version: 2 });
    expect(within(dialog).getByRole("combobox", { name: "Default for Status" })).toHaveValue("Pending");
    for (const label of ["Source for Shelf", "Default for Status", "From version", "To version"]) {
      expect(elementsLabelled(label, dialog), label).toHaveLength(1);
    }
    const plan = within(dialog).getByRole("table", { name: /Where each column/ });
    const rowText = () => within(plan).getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell").slice(1).map((cell) => cell.textContent));
    expect(rowText()).toContainEqual(["—", "Remove", "Kept aside"]);
    expect(rowText()).toContainEqual(["WeightText", "Convert", "Number becomes text"]);
    expect(within(dialog).getByText("2 clean")).toBeInTheDocument();
    expect(within(dialog).getByText("3 keep values aside")).toBeInTheDocument();
    expect(within(dialog).getByText("1 cannot move")).toBeInTheDocument();
    expect(within(dialog).getByText(/come back when you move it back/)).toBeInTheDocument();
    expect(within(dialog).getByRole("link", { name: "Record 5e2c0001" })).toHaveAttribute("href", `/t/x-stock/e/${record.id}`);
    expect(within(dialog).getByText("Weight: Too long for text.")).toBeInTheDocument();

    await u.click(source);
    await u.click(await screen.findByRole("option", { name: "Space (Text)" }));
    expect(within(dialog).getByText("Rename")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Move 6 records" })).toBeDisabled();
    await u.click(within(dialog).getByRole("button", { name: "Preview again" }));
    await waitFor(() => expect(callsTo(fetchMock, "POST", `${base}/migrations/preview`)).toHaveLength(2));
    const expected: PlanStep[] = [
      { kind: "keep", source: "type", target: "type" },
      { kind: "rename", source: "space", target: "shelf" },
      { kind: "convert", source: "weight", target: "weight" },
      { kind: "keep", source: "qty", target: "qty" },
      { kind: "add", target: "status", default: "PENDING" },
      { kind: "drop", source: "timestamp" },
    ];
    expect(callsTo(fetchMock, "POST", `${base}/migrations/preview`)[1].body).toEqual({ from_version: 1, to_version: 2, plan: expected });
    expect(await within(dialog).findByText("Rule for rename")).toBeInTheDocument();

    const blueprintLoads = callsTo(fetchMock, "GET", base).length;
    await u.click(within(dialog).getByRole("button", { name: "Move 6 records" }));
    expect(await within(dialog).findByText("5 records moved, 1 failed")).toBeInTheDocument();
    expect(within(dialog).getByRole("progressbar", { name: "Progress" })).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${base}/migrations`)[0].body).toEqual({ from_version: 1, to_version: 2, plan: expected });
    await waitFor(() => expect(callsTo(fetchMock, "GET", base).length).toBeGreaterThan(blueprintLoads));
  });

  it("offers migration on the grid when records are on older versions, in both directions", async () => {
    const fetchMock = api({
      "GET /api/tenants/x-stock/entities": { items: [record], next_cursor: null },
      "GET /api/tenants/x-stock/views": { items: [] },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-stock/b/stock_item");
    expect(await screen.findByText("6 records follow older versions of this blueprint.")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Move records from version 1" }));
    const dialog = await screen.findByRole("dialog", { name: "Move records to another version" });
    await within(dialog).findByRole("combobox", { name: "Source for Shelf" });
    await u.click(within(dialog).getByRole("combobox", { name: "From version" }));
    await u.click(await screen.findByRole("option", { name: "Version 2" }));
    expect(await within(dialog).findByText("Choose two different versions.")).toBeInTheDocument();
    await u.click(within(dialog).getByRole("combobox", { name: "To version" }));
    await u.click(await screen.findByRole("option", { name: "Version 1" }));
    await waitFor(() => expect(callsTo(fetchMock, "POST", `${base}/migrations/preview`).at(-1)!.body).toEqual({ from_version: 2, to_version: 1 }));
  });
});

describe("moving one record", () => {
  const three = blueprint({
    versions: [...versions, { id: 23, number: 3, published_at: "2025-07-15T10:00:00Z", entity_count: 0 }],
    published_version: { id: 23, number: 3, published_at: "2025-07-15T10:00:00Z" },
  });

  it("moves to the latest version, and says which values cannot move back", async () => {
    const path = `/api/tenants/x-stock/entities/${record.id}/migrate`;
    const fetchMock = api({
      [`GET ${base}`]: three,
      [`GET ${base}/versions/3`]: version({ id: 23, number: 3, columns: v2Columns }),
      [`GET /api/tenants/x-stock/entities/${record.id}`]: record,
      [`POST ${path}`]: ({ body }) =>
        (body as { to_version: number }).to_version === 3
          ? jsonResponse(200, entity({ version: 2, blueprint_version: { id: 23, number: 3 }, data: { type: "BOX", shelf: "A1", weight: "12.50", qty: 4 } }))
          : jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { "data.weight": ["Version 1 holds numbers only."] } }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, `/t/x-stock/e/${record.id}`);
    // The version and the moves wait in the record's Details menu.
    await u.click(await screen.findByRole("button", { name: "Details" }));
    expect(await screen.findByText("Blueprint v1")).toBeInTheDocument();
    await u.click(await screen.findByRole("menuitem", { name: "Move to version 3" }));
    expect(await screen.findByText("Moved to version 3")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", path)[0].body).toEqual({ version: 1, to_version: 3 });

    await u.click(await screen.findByRole("button", { name: "Details" }));
    expect(await screen.findByText("Blueprint v3")).toBeInTheDocument();
    expect(screen.queryByRole("menuitem", { name: "Move to version 3" })).not.toBeInTheDocument();
    await u.click(await screen.findByRole("menuitem", { name: "Version 1" }));
    const alert = (await screen.findByText("These values cannot move to version 1")).closest("[role=alert]");
    expect(alert).toHaveTextContent("Weight: Version 1 holds numbers only.");
    expect(callsTo(fetchMock, "POST", path)[1].body).toEqual({ version: 2, to_version: 1 });
  });
});

describe("when the last records leave a version", () => {
  it("keeps the dialog open to show the outcome", async () => {
    let migrated = false;
    const emptied = blueprint({
      versions: [
        { ...versions[0], entity_count: 0 },
        { ...versions[1], entity_count: 7 },
      ],
      published_version: { id: 22, number: 2, published_at: "2025-07-10T10:00:00Z" },
    });
    api({
      [`GET ${base}`]: () => jsonResponse(200, migrated ? emptied : twoVersions),
      [`POST ${base}/migrations`]: () => {
        migrated = true;
        return jsonResponse(202, job({ id: "job-10", kind: "migration" }));
      },
      "GET /api/tenants/x-stock/jobs/job-10": job({
        id: "job-10",
        status: "done",
        done: 6,
        total: 6,
        result: { migrated: 6, lossy: 0, failed: 0, failures: [] },
      }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-stock/blueprints/stock_item/design");
    await u.click(await screen.findByRole("tab", { name: "Versions" }));
    await u.click(screen.getByRole("button", { name: "Move records from version 1" }));
    const dialog = await screen.findByRole("dialog", { name: "Move records to another version" });
    await u.click(await within(dialog).findByRole("button", { name: "Move 6 records" }));
    expect(await within(dialog).findByText("6 records moved, 0 failed")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("button", { name: "Move records from version 1" })).not.toBeInTheDocument());
    expect(screen.getByRole("dialog", { name: "Move records to another version" })).toBeInTheDocument();
    expect(within(screen.getByRole("dialog", { name: "Move records to another version" })).getByText("6 records moved, 0 failed")).toBeInTheDocument();
  });
});
