import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdminHookDelivery, AdminHookEndpoint } from "../api/adminHooks";
import type { HookAttempt } from "../api/hooks";
import { setSession } from "../api/client";
import { hardened, later, root, workspace } from "./testData";
import { routes } from "../app/router";
import { callsTo, mockApi } from "../test/api";
import { hookEndpoint } from "../test/fixtures";
import { jsonResponse, renderRoutes } from "../test/render";

// The back office is loaded on demand; load it once up front so the first test's waits measure
// the page, not the module's first compilation on a busy machine.
beforeAll(async () => {
  await import("./AdminApp");
}, 60_000);

const empty = { items: [], next_cursor: null };

function endpoint(overrides: Partial<AdminHookEndpoint> = {}): AdminHookEndpoint {
  return {
    ...hookEndpoint({
      id: "h1",
      url: "https://warehouse.example/loom",
      event_types: ["record.created", "record.updated", "flow.completed", "task.created"],
      health: { last_attempt_at: "2026-11-24T08:00:00Z", last_success_at: "2026-11-24T07:00:00Z", last_status_code: 500, failure_streak: 3, failing_since: "2026-11-24T07:30:00Z" },
      created_at: "2026-11-20T08:00:00Z",
      updated_at: "2026-11-20T08:00:00Z",
    }),
    tenant: "acme",
    ...overrides,
  };
}

const retrying: AdminHookDelivery = {
  id: "d1",
  tenant: "acme",
  message_id: "m1",
  endpoint_id: "h1",
  event_type: "record.created",
  status: "pending",
  attempts: 3,
  next_attempt_at: "2026-11-24T08:30:00Z",
  last_attempt_at: "2026-11-24T08:00:00Z",
  finished_at: null,
  last_status_code: 500,
  last_error: "The receiver answered 500.",
  created_at: "2026-11-24T07:29:55Z",
};

beforeEach(() => setSession({ user: root, access_token: "tok", access_expires_at: later(), refresh_expires_at: later() }));

describe("hooks across Loom", () => {
  it("lists every workspace's endpoints with their health, filtered by workspace and state in the address, and pages", async () => {
    const off = endpoint({
      id: "h2",
      tenant: "globex",
      url: "https://hooks.zapier.example/abc",
      description: null,
      event_types: ["record.deleted"],
      enabled: false,
      disabled_reason: "Every call failed for five days.",
      source: "subscription",
      health: { last_attempt_at: null, last_success_at: null, last_status_code: null, failure_streak: 0, failing_since: null },
    });
    const api = mockApi({
      ...hardened,
      "GET /api/admin/hooks/endpoints": ({ url }) =>
        jsonResponse(200, url.searchParams.get("cursor") ? { items: [off], next_cursor: null } : { items: [endpoint()], next_cursor: "next" }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/users");
    await u.click(await screen.findByRole("link", { name: "Hooks" }));
    expect(screen.getByRole("link", { name: "Hooks" })).toHaveAttribute("aria-current", "page");

    const table = await screen.findByRole("table", { name: "Hook endpoints" });
    expect(within(table).getByRole("link", { name: "acme" })).toHaveAttribute("href", "/admin/tenants/acme?tab=hooks");
    expect(within(table).getByRole("link", { name: "https://warehouse.example/loom" })).toHaveAttribute("href", "/admin/hooks/deliveries?tenant=acme&endpoint=h1");
    expect(within(table).getByText("4 events")).toBeInTheDocument();
    expect(within(table).getByText(/and 1 more/)).toBeInTheDocument();
    expect(within(table).getByText("Failing")).toBeInTheDocument();
    expect(within(table).getByText("3 failed attempts in a row", { exact: false })).toBeInTheDocument();
    expect(within(table).getByText(/\(HTTP 500\)/)).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Show more" }));
    expect(await within(table).findByText("Turned off: Every call failed for five days.")).toBeInTheDocument();
    expect(within(table).getByText("Made through the REST Hooks API (Zapier, Make, n8n)")).toBeInTheDocument();
    expect(within(table).getByText("Off")).toBeInTheDocument();
    // Looking only: nothing here changes a hook.
    expect(screen.queryByRole("button", { name: /Delete|Replay|Turn off|Send/ })).not.toBeInTheDocument();

    await u.type(screen.getByLabelText("Workspace"), "acme");
    await waitFor(() => expect(router.state.location.search).toBe("?tenant=acme"));
    // The router's state moves before the page renders it: wait for the list asked with it.
    await waitFor(() =>
      expect(callsTo(api, "GET", "/api/admin/hooks/endpoints").at(-1)!.url.searchParams.get("tenant")).toBe("acme"),
    );
    await u.click(screen.getByRole("radio", { name: "Off" }));
    await waitFor(() => expect(router.state.location.search).toBe("?tenant=acme&enabled=false"));
    const sent = callsTo(api, "GET", "/api/admin/hooks/endpoints").at(-1)!.url.searchParams;
    expect([sent.get("tenant"), sent.get("enabled"), sent.get("cursor")]).toEqual(["acme", "false", null]);
  });

  it("says when there is no hook anywhere yet, and when the filters match none", async () => {
    mockApi({ ...hardened, "GET /api/admin/hooks/endpoints": empty });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/hooks");
    expect(await screen.findByRole("heading", { name: "No workspace has a hook yet" })).toBeInTheDocument();
    expect(screen.getByText(/they show here with how they are doing/)).toBeInTheDocument();
    await u.click(screen.getByRole("radio", { name: "On" }));
    expect(await screen.findByRole("heading", { name: "Nothing matches these filters." })).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(await screen.findByRole("heading", { name: "No workspace has a hook yet" })).toBeInTheDocument();
  });
});

describe("one hook's deliveries", () => {
  it("opens from the list, names the hook, and filters by status and event in the address", async () => {
    const delivered: AdminHookDelivery = {
      ...retrying,
      id: "d2",
      event_type: "flow.completed",
      status: "succeeded",
      attempts: 1,
      next_attempt_at: null,
      last_status_code: 200,
      last_error: null,
    };
    const api = mockApi({
      ...hardened,
      "GET /api/admin/hooks/endpoints": { items: [endpoint()], next_cursor: null },
      "GET /api/admin/hooks/endpoints/h1": endpoint(),
      "GET /api/admin/hooks/deliveries": ({ url }) =>
        jsonResponse(200, { items: url.searchParams.get("status") === "pending" ? [retrying] : [retrying, delivered], next_cursor: null }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/hooks");
    await u.click(await screen.findByRole("link", { name: "Deliveries of the hook to https://warehouse.example/loom" }));
    expect(await screen.findByRole("heading", { name: "Deliveries" })).toBeInTheDocument();
    expect(await screen.findByText("https://warehouse.example/loom")).toBeInTheDocument();

    const table = await screen.findByRole("table", { name: "Hook deliveries" });
    expect(within(table).queryByRole("columnheader", { name: "Workspace" })).not.toBeInTheDocument();
    expect(within(table).getByText("A record was created")).toBeInTheDocument();
    expect(within(table).getByText("Waiting")).toBeInTheDocument();
    expect(within(table).getByText("HTTP 500 · The receiver answered 500.")).toBeInTheDocument();
    expect(within(table).getByText("A record's flow finished")).toBeInTheDocument();
    expect(within(table).getByText("Delivered")).toBeInTheDocument();
    const first = callsTo(api, "GET", "/api/admin/hooks/deliveries")[0].url.searchParams;
    expect([first.get("tenant"), first.get("endpoint_id")]).toEqual(["acme", "h1"]);

    await u.click(screen.getByRole("combobox", { name: "Status" }));
    await u.click(await screen.findByRole("option", { name: "Waiting" }));
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Hook deliveries" })).queryByText("Delivered")).not.toBeInTheDocument());
    expect(router.state.location.search).toBe("?tenant=acme&endpoint=h1&status=pending");

    await u.click(screen.getByRole("combobox", { name: "Event" }));
    // Only the events this hook listens for (and the test event) are offered.
    expect(screen.queryByRole("option", { name: "Someone joined the workspace" })).not.toBeInTheDocument();
    await u.click(await screen.findByRole("option", { name: "A record was created" }));
    await waitFor(() => expect(callsTo(api, "GET", "/api/admin/hooks/deliveries").at(-1)!.url.searchParams.get("event_type")).toBe("record.created"));
    expect(router.state.location.search).toBe("?tenant=acme&endpoint=h1&status=pending&event=record.created");
  });

  it("lists failed deliveries across Loom, naming each workspace", async () => {
    const api = mockApi({ ...hardened, "GET /api/admin/hooks/deliveries": { items: [{ ...retrying, status: "failed", next_attempt_at: null }], next_cursor: null } });
    renderRoutes(routes, "/admin/hooks/deliveries?status=failed");
    const table = await screen.findByRole("table", { name: "Hook deliveries" });
    expect(within(table).getByRole("link", { name: "acme" })).toHaveAttribute("href", "/admin/tenants/acme?tab=hooks");
    expect(within(table).getByText("Failed")).toBeInTheDocument();
    const sent = callsTo(api, "GET", "/api/admin/hooks/deliveries")[0].url.searchParams;
    expect([sent.get("status"), sent.get("tenant"), sent.get("endpoint_id")]).toEqual(["failed", null, null]);
  });
});

describe("what an admin does to one hook", () => {
  const failedAttempt: HookAttempt = {
    id: "a3",
    delivery_id: "d1",
    endpoint_id: "h1",
    number: 3,
    attempted_at: "2026-11-24T08:00:00Z",
    duration_ms: 1234,
    status_code: 500,
    response_body: "upstream exploded",
    error: null,
    succeeded: false,
  };
  const deliveriesOfH1 = { "GET /api/admin/hooks/deliveries": { items: [retrying], next_cursor: null } };

  it("reads the hook by its id (no paging through the workspace) and shows each delivery's attempts on demand", async () => {
    const api = mockApi({
      ...hardened,
      ...deliveriesOfH1,
      "GET /api/admin/hooks/endpoints/h1": endpoint(),
      "GET /api/admin/hooks/attempts": { items: [failedAttempt, { ...failedAttempt, id: "a2", number: 2, duration_ms: 30000, status_code: null, response_body: null, error: "Timed out." }], next_cursor: null },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/hooks/deliveries?tenant=acme&endpoint=h1");
    expect(await screen.findByText("https://warehouse.example/loom")).toBeInTheDocument();
    expect(callsTo(api, "GET", "/api/admin/hooks/endpoints")).toHaveLength(0);
    expect(callsTo(api, "GET", "/api/admin/hooks/endpoints/h1")).toHaveLength(1);

    const table = await screen.findByRole("table", { name: "Hook deliveries" });
    const toggle = within(table).getByRole("button", { name: /Show the 3 attempts of the delivery of/ });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await u.click(toggle);
    const attempts = await screen.findByRole("table", { name: "Attempts of this delivery" });
    expect(within(attempts).getByText("1,234 ms")).toBeInTheDocument();
    expect(within(attempts).getByText("500")).toBeInTheDocument();
    expect(within(attempts).getByText("upstream exploded")).toBeInTheDocument();
    expect(within(attempts).getByText("Timed out.")).toBeInTheDocument();
    for (const header of ["Attempt", "Time", "Duration", "Status code", "Response"]) {
      expect(within(attempts).getByRole("columnheader", { name: header })).toBeInTheDocument();
    }
    expect(callsTo(api, "GET", "/api/admin/hooks/attempts")[0].url.searchParams.get("delivery_id")).toBe("d1");

    await u.click(within(table).getByRole("button", { name: /Hide the attempts/ }));
    expect(screen.queryByRole("table", { name: "Attempts of this delivery" })).not.toBeInTheDocument();
  });

  it("turns the hook off and back on, each after a question whose Cancel has the focus", async () => {
    let current = endpoint();
    const api = mockApi({
      ...hardened,
      ...deliveriesOfH1,
      "GET /api/admin/hooks/endpoints/h1": () => jsonResponse(200, current),
      "PATCH /api/admin/hooks/endpoints/h1": ({ body }) => {
        const enabled = (body as { enabled: boolean }).enabled;
        current = endpoint({ enabled, disabled_reason: enabled ? null : "Turned off by a Loom administrator." });
        return jsonResponse(200, current);
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/hooks/deliveries?tenant=acme&endpoint=h1");
    await u.click(await screen.findByRole("button", { name: "Turn off" }));
    let dialog = await screen.findByRole("dialog", { name: "Turn this hook off?" });
    expect(within(dialog).getByText(/Loom stops calling https:\/\/warehouse.example\/loom for the workspace acme/)).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo(api, "PATCH", "/api/admin/hooks/endpoints/h1")).toHaveLength(0);

    await u.click(screen.getByRole("button", { name: "Turn off" }));
    dialog = await screen.findByRole("dialog", { name: "Turn this hook off?" });
    await u.click(within(dialog).getByRole("button", { name: "Turn off" }));
    expect(await screen.findByText("Turned off: Turned off by a Loom administrator.")).toBeInTheDocument();
    expect(callsTo(api, "PATCH", "/api/admin/hooks/endpoints/h1")[0].body).toEqual({ enabled: false });

    await u.click(await screen.findByRole("button", { name: "Turn on" }));
    dialog = await screen.findByRole("dialog", { name: "Turn this hook back on?" });
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(dialog).getByRole("button", { name: "Turn on" }));
    expect(await screen.findByRole("button", { name: "Turn off" })).toBeInTheDocument();
    expect(callsTo(api, "PATCH", "/api/admin/hooks/endpoints/h1").map((call) => call.body)).toEqual([{ enabled: false }, { enabled: true }]);
  });

  it("deletes the hook after asking, then goes back to the workspace's hooks", async () => {
    const api = mockApi({
      ...hardened,
      ...deliveriesOfH1,
      "GET /api/admin/hooks/endpoints": empty,
      "GET /api/admin/hooks/endpoints/h1": endpoint(),
      "DELETE /api/admin/hooks/endpoints/h1": () => jsonResponse(204, undefined),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/hooks/deliveries?tenant=acme&endpoint=h1");
    await u.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete this hook for good?" });
    expect(within(dialog).getByText(/deleted with its deliveries and their log/)).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/admin/hooks"));
    expect(router.state.location.search).toBe("?tenant=acme");
    expect(callsTo(api, "DELETE", "/api/admin/hooks/endpoints/h1")).toHaveLength(1);
  });

  it("says so when the hook is gone, and offers nothing to change", async () => {
    mockApi({ ...hardened, ...deliveriesOfH1 });
    renderRoutes(routes, "/admin/hooks/deliveries?tenant=acme&endpoint=h1");
    expect(await screen.findByText("One hook (it may have been deleted)")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Turn off|Turn on|Delete/ })).not.toBeInTheDocument();
  });

  it("shows the problem in the dialog when the change fails", async () => {
    mockApi({
      ...hardened,
      ...deliveriesOfH1,
      "GET /api/admin/hooks/endpoints/h1": endpoint(),
      "PATCH /api/admin/hooks/endpoints/h1": () => jsonResponse(404, { title: "Not found", status: 404, detail: "No such hook here." }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/hooks/deliveries?tenant=acme&endpoint=h1");
    await u.click(await screen.findByRole("button", { name: "Turn off" }));
    const dialog = await screen.findByRole("dialog", { name: "Turn this hook off?" });
    await u.click(within(dialog).getByRole("button", { name: "Turn off" }));
    expect(await within(dialog).findByRole("alert")).toBeInTheDocument();
  });
});

describe("a workspace's hooks tab", () => {
  it("shows only that workspace's endpoints and deliveries, and a friendly word when it has none", async () => {
    const api = mockApi({
      ...hardened,
      "GET /api/admin/tenants/acme": workspace,
      "GET /api/admin/tenants/acme/instances": empty,
      "GET /api/admin/hooks/endpoints": empty,
      "GET /api/admin/hooks/deliveries": { items: [retrying], next_cursor: null },
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/tenants/acme?tab=instances&status=failed");
    await u.click(await screen.findByRole("tab", { name: "Hooks" }));
    // A new tab starts without the last tab's filters.
    await waitFor(() => expect(router.state.location.search).toBe("?tab=hooks"));
    expect(await screen.findByRole("heading", { name: "This workspace has no hooks" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Hook deliveries" });
    expect(within(table).getByText("HTTP 500 · The receiver answered 500.")).toBeInTheDocument();
    expect(callsTo(api, "GET", "/api/admin/hooks/endpoints")[0].url.searchParams.get("tenant")).toBe("acme");
    expect(callsTo(api, "GET", "/api/admin/hooks/deliveries")[0].url.searchParams.get("tenant")).toBe("acme");
    expect(callsTo(api, "GET", "/api/admin/hooks/deliveries")[0].url.searchParams.get("status")).toBeNull();
    expect(screen.getByRole("link", { name: "Open the deliveries on their own page" })).toHaveAttribute("href", "/admin/hooks/deliveries?tenant=acme");
  });
});
