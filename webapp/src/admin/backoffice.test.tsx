import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdminInstance, AdminJob } from "../api/admin";
import type { AuditEvent } from "../api/audit";
import { setSession } from "../api/client";
import { hardened, later, root, workspace } from "./testData";
import { routes } from "../app/router";
import { callsTo, mockApi } from "../test/api";
import { adminUser, blueprint, entity, job, version } from "../test/fixtures";
import { jsonResponse, renderRoutes } from "../test/render";
import { deleteForGood } from "../test/typeToConfirm";

// The back office is loaded on demand; load it once up front so the first test's waits measure
// the page, not the module's first compilation on a busy machine.
beforeAll(async () => {
  await import("./AdminApp");
}, 60_000);


beforeEach(() => setSession({ user: root, access_token: "tok", access_expires_at: later(), refresh_expires_at: later() }));

describe("users", () => {
  it("searches by email, keeps the search in the address, and pages", async () => {
    const api = mockApi({
      ...hardened,
      "GET /api/admin/users": ({ url }) =>
        jsonResponse(200, url.searchParams.get("cursor")
          ? { items: [adminUser({ id: 3, email: "old@loom.test" })], next_cursor: null }
          : { items: [adminUser()], next_cursor: "next" }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/users");
    expect(await screen.findByRole("link", { name: "ada@loom.test" })).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Show more" }));
    expect(await screen.findByRole("link", { name: "old@loom.test" })).toBeInTheDocument();
    await u.type(screen.getByLabelText("Search by email"), "ada");
    await waitFor(() => expect(router.state.location.search).toBe("?q=ada"));
    await waitFor(() => expect(callsTo(api, "GET", "/api/admin/users").at(-1)!.url.searchParams.get("q")).toBe("ada"));
    await u.click(screen.getByRole("radio", { name: "Disabled" }));
    await waitFor(() => expect(callsTo(api, "GET", "/api/admin/users").at(-1)!.url.searchParams.get("active")).toBe("false"));
  });

  it("disables after a confirmation, and deletes for good only once the address is typed", async () => {
    let current = adminUser();
    const api = mockApi({
      ...hardened,
      "GET /api/admin/users/7": () => jsonResponse(200, current),
      "PATCH /api/admin/users/7": ({ body }) => {
        current = { ...current, active: (body as { active: boolean }).active };
        return jsonResponse(200, current);
      },
      "DELETE /api/admin/users/7": () => jsonResponse(202, job({ kind: "account.delete" })),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/users/7");
    expect(await screen.findByRole("heading", { name: "ada@loom.test" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Acme" })).toHaveAttribute("href", "/admin/tenants/acme");

    await u.click(screen.getByRole("button", { name: "Disable the account" }));
    const confirm = await screen.findByRole("dialog", { name: "Disable ada@loom.test?" });
    await u.click(within(confirm).getByRole("button", { name: "Disable the account" }));
    await waitFor(() => expect(callsTo(api, "PATCH", "/api/admin/users/7")[0].body).toEqual({ active: false }));
    expect(await screen.findByRole("button", { name: "Enable the account" })).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Delete for good…" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete ada@loom.test for good?" });
    await deleteForGood(u, dialog, "Type ada@loom.test to confirm", "ada@loom.test");
    expect(await screen.findByText("ada@loom.test is closed; everything it holds is being deleted in the background.")).toBeInTheDocument();
    expect(callsTo(api, "DELETE", "/api/admin/users/7")).toHaveLength(1);
  });

  it("confirms an address and turns off two-step sign-in for a lost phone, each asked first", async () => {
    let current = adminUser({ confirmed_at: null, two_factor: true });
    const api = mockApi({
      ...hardened,
      "GET /api/admin/users/7": () => jsonResponse(200, current),
      "PATCH /api/admin/users/7": () => {
        current = { ...current, confirmed_at: "2026-11-24T08:00:00Z" };
        return jsonResponse(200, current);
      },
      "POST /api/admin/users/7/two-factor/reset": () => {
        current = { ...current, two_factor: false };
        return jsonResponse(200, current);
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/users/7");
    await u.click(await screen.findByRole("button", { name: "Mark the email as confirmed" }));
    const confirm = await screen.findByRole("dialog", { name: "Mark ada@loom.test as confirmed?" });
    await u.click(within(confirm).getByRole("button", { name: "Mark the email as confirmed" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Mark the email as confirmed" })).not.toBeInTheDocument());
    expect(callsTo(api, "PATCH", "/api/admin/users/7")[0].body).toEqual({ confirmed: true });

    await u.click(screen.getByRole("button", { name: "Turn off two-step sign-in" }));
    const reset = await screen.findByRole("dialog", { name: "Turn off two-step sign-in for ada@loom.test?" });
    await u.click(within(reset).getByRole("button", { name: "Turn off two-step sign-in" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Turn off two-step sign-in" })).not.toBeInTheDocument());
    expect(callsTo(api, "POST", "/api/admin/users/7/two-factor/reset")).toHaveLength(1);
  });

  it("offers nothing to do with another administrator", async () => {
    mockApi({ ...hardened, "GET /api/admin/users/1": adminUser({ id: 1, email: root.email, admin: true, workspaces: [] }) });
    renderRoutes(routes, "/admin/users/1");
    expect(await screen.findByText(/Administrators are managed from the server's command line/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete for good…" })).not.toBeInTheDocument();
  });
});

describe("a workspace's records", () => {
  const base = "/api/admin/tenants/acme";
  const record = entity();

  function records(patch: (body: unknown) => Response) {
    return mockApi({
      ...hardened,
      [`GET ${base}`]: workspace,
      [`GET ${base}/blueprints`]: { items: [blueprint()], next_cursor: null },
      [`GET ${base}/blueprints/stock_item`]: blueprint(),
      [`GET ${base}/blueprints/stock_item/versions/1`]: version(),
      [`GET ${base}/entities`]: { items: [record], next_cursor: null, count: { value: 1, exact: true } },
      [`GET ${base}/entities/${record.id}`]: record,
      [`PATCH ${base}/entities/${record.id}`]: ({ body }) => patch(body),
    });
  }

  it("finds a record from the workspace and saves only what changed, with the version read", async () => {
    const api = records((body) => jsonResponse(200, { ...record, version: 2, data: { ...record.data, ...(body as { data: object }).data } }));
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/tenants/acme");
    await u.click(await screen.findByRole("link", { name: "Stock item" }));
    await u.click(await screen.findByRole("link", { name: "A1" }));
    const space = await screen.findByLabelText("Space");
    await u.clear(space);
    await u.type(space, "B7");
    await u.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Saved. The change is in the audit log.")).toBeInTheDocument();
    expect(callsTo(api, "PATCH", `${base}/entities/${record.id}`)[0].body).toEqual({ version: 1, data: { space: "B7" } });
    expect(screen.getByRole("link", { name: "See this record's history" })).toHaveAttribute(
      "href",
      `/admin/audit?tenant=acme&target_type=entity&target_id=${record.id}`,
    );
  });

  it("says when someone else changed the record first, and shows the server's reasons per field", async () => {
    let answer = jsonResponse(409, { title: "Conflict", status: 409, detail: "Someone else changed this record." });
    records(() => answer);
    const u = userEvent.setup();
    renderRoutes(routes, `/admin/tenants/acme/e/${record.id}`);
    const qty = await screen.findByLabelText("Qty");
    await u.clear(qty);
    await u.type(qty, "9");
    await u.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByRole("button", { name: "Reload" })).toBeInTheDocument();
    answer = jsonResponse(422, { title: "Invalid input", status: 422, errors: { "data.qty": ["Must be at most 5."] } });
    await u.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(screen.getByLabelText("Qty")).toHaveAccessibleDescription(/Must be at most 5/));
  });
});

describe("a workspace's flow instances", () => {
  it("lists them by status and tries a stopped one again", async () => {
    const stopped: AdminInstance = {
      id: "i1",
      flow: { key: "delivery", name: "Delivery" },
      version: 2,
      status: "failed",
      error: { message: "Division by zero", element: "note", name: "Note", at: "2026-11-24T08:00:00Z" },
      entity_id: "r1",
      started_at: "2026-11-24T07:00:00Z",
      updated_at: "2026-11-24T08:00:00Z",
      completed_at: null,
    };
    const api = mockApi({
      ...hardened,
      "GET /api/admin/tenants/acme": workspace,
      "GET /api/admin/tenants/acme/instances": { items: [stopped], next_cursor: null },
      "POST /api/admin/tenants/acme/instances/i1/retry": { ...stopped, status: "running", error: null },
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/tenants/acme?tab=instances");
    expect(await screen.findByText("Note: Division by zero")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the record" })).toHaveAttribute("href", "/admin/tenants/acme/e/r1");
    await u.click(screen.getByRole("radio", { name: "Stopped by an error" }));
    await waitFor(() => expect(router.state.location.search).toBe("?tab=instances&status=failed"));
    expect(callsTo(api, "GET", "/api/admin/tenants/acme/instances").at(-1)!.url.searchParams.get("status")).toBe("failed");
    await u.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("The step ran; the flow goes on.")).toBeInTheDocument();
    expect(callsTo(api, "POST", "/api/admin/tenants/acme/instances/i1/retry")).toHaveLength(1);
  });
});

describe("a workspace", () => {
  it("is deleted for good only once its address is typed, then its job is shown", async () => {
    const api = mockApi({
      ...hardened,
      "GET /api/admin/tenants/acme": workspace,
      "GET /api/admin/tenants/acme/blueprints": { items: [], next_cursor: null },
      "DELETE /api/admin/tenants/acme": () => jsonResponse(202, { ...job({ kind: "tenant.delete" }), tenant: null, created_by: root.email }),
      "GET /api/admin/jobs": { items: [], next_cursor: null },
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/tenants/acme");
    await u.click(await screen.findByRole("button", { name: "Delete this workspace for good…" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete Acme for good?" });
    await deleteForGood(u, dialog, "Type acme to confirm", "acme");
    await waitFor(() => expect(router.state.location.pathname).toBe("/admin/jobs"));
    expect(router.state.location.search).toBe("?kind=tenant.delete");
    expect(callsTo(api, "DELETE", "/api/admin/tenants/acme")).toHaveLength(1);
  });
});

describe("jobs and the audit log", () => {
  it("shows background work with its progress and errors, filtered by status", async () => {
    const jobs: AdminJob[] = [
      { ...job({ id: "j1", kind: "entities.import", status: "failed", done: 3, total: 10, error: "Row 4 has no Type." }), tenant: "acme", created_by: "ada@loom.test" },
      { ...job({ id: "j2", kind: "account.delete", status: "done" }), tenant: null, created_by: null },
    ];
    const api = mockApi({
      ...hardened,
      "GET /api/admin/jobs": ({ url }) =>
        jsonResponse(200, { items: url.searchParams.get("status") === "failed" ? [jobs[0]] : jobs, next_cursor: null }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/jobs");
    const table = await screen.findByRole("table", { name: "Background jobs" });
    expect(within(table).getByText("Import of records")).toBeInTheDocument();
    expect(within(table).getByText("Row 4 has no Type.")).toBeInTheDocument();
    expect(within(table).getByText("3 of 10")).toBeInTheDocument();
    expect(within(table).getByText("Deleting an account")).toBeInTheDocument();
    await u.click(screen.getByRole("radio", { name: "Failed" }));
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Background jobs" })).queryByText("Deleting an account")).not.toBeInTheDocument());
    expect(callsTo(api, "GET", "/api/admin/jobs").at(-1)!.url.searchParams.get("status")).toBe("failed");
  });

  it("says in plain words what admins did, where, filtered to one record", async () => {
    const events: AuditEvent[] = [
      {
        id: "e2",
        tenant: "acme",
        at: "2026-11-23T08:30:00Z",
        action: "record.updated",
        actor: { id: 1, email: root.email, kind: "admin" },
        target_type: "entity",
        target_id: "r1",
        target_label: "Stock item",
        details: { fields: ["space"] },
      },
      {
        id: "e1",
        tenant: null,
        at: "2026-11-23T08:00:00Z",
        action: "user.disabled",
        actor: { id: 1, email: root.email, kind: "admin" },
        target_type: "user",
        target_id: "7",
        target_label: "ada@loom.test",
        details: {},
      },
    ];
    const api = mockApi({ ...hardened, "GET /api/admin/audit": { items: events, next_cursor: null } });
    renderRoutes(routes, "/admin/audit?tenant=acme&target_type=entity&target_id=r1");
    expect(await screen.findByText("admin@loom.test (Loom admin) changed a Stock item record")).toBeInTheDocument();
    expect(screen.getByText("admin@loom.test (Loom admin) disabled the account ada@loom.test")).toBeInTheDocument();
    expect(screen.getByText("Only what concerns this record.")).toBeInTheDocument();
    expect(screen.getByLabelText("Workspace")).toHaveValue("acme");
    const sent = callsTo(api, "GET", "/api/admin/audit")[0].url.searchParams;
    expect([sent.get("tenant"), sent.get("target_type"), sent.get("target_id")]).toEqual(["acme", "entity", "r1"]);
  });
});
