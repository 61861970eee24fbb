import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { ApiKey } from "../../api/apiKeys";
import type { HookDelivery } from "../../api/hooks";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { blueprintSummary, hookEndpoint, signIn, tenant, version } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const shop = tenant({ name: "X Shop", slug: "x-shop", timezone: "Europe/Berlin", role: "owner" });
const base = "/api/tenants/x-shop";
const hookId = "7d1c1f9e-0000-4000-8000-000000000001";

const zapier: ApiKey = {
  id: "k1",
  name: "Zapier",
  role: "editor",
  effective_role: "editor",
  prefix: "loom_ab12",
  state: "active",
  created_by: { id: 1, email: "ada@loom.test" },
  created_at: "2025-07-01T08:00:00Z",
  expires_at: null,
  last_used_at: "2025-07-02T09:30:00Z",
  revoked_at: null,
};

const hook = hookEndpoint({ id: hookId });

const retrying: HookDelivery = {
  id: "d1",
  message_id: "m1",
  endpoint_id: hookId,
  event_type: "record.created",
  status: "pending",
  attempts: 2,
  next_attempt_at: "2025-07-03T10:05:00Z",
  last_attempt_at: "2025-07-03T10:00:00Z",
  finished_at: null,
  last_status_code: 500,
  last_error: "The receiver answered 500.",
  created_at: "2025-07-03T09:59:55Z",
};

const events = [
  { type: "record.created", description: "A record was created." },
  { type: "record.updated", description: "A record's values changed." },
  { type: "member.joined", description: "Someone joined." },
  { type: "hook.test", description: "Test." },
];

function api(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    [`GET ${base}`]: shop,
    "GET /api/tenants": { items: [shop], next_cursor: null },
    [`GET ${base}/api-keys`]: { items: [], next_cursor: null },
    [`GET ${base}/hooks/endpoints`]: { items: [], next_cursor: null },
    [`GET ${base}/hooks/events`]: events,
    [`GET ${base}/blueprints`]: { items: [blueprintSummary({ key: "stock_item", name: "Stock item" })], next_cursor: null },
    [`GET ${base}/blueprints/stock_item/versions/1`]: version(),
    [`GET ${base}/hooks/endpoints/${hookId}`]: hook,
    [`GET ${base}/hooks/deliveries`]: { items: [retrying], next_cursor: null },
    [`GET ${base}/messages`]: { items: [], next_cursor: null },
    ...overrides,
  });
}

beforeEach(() => signIn());

describe("Settings → Integrations", () => {
  it("is a settings section for owners and admins, with empty states", async () => {
    api();
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-shop/settings");
    await u.click(await screen.findByRole("tab", { name: "Integrations" }));
    expect(router.state.location.pathname).toBe("/t/x-shop/settings/integrations");
    expect(await screen.findByRole("heading", { name: "No API keys yet" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "No hooks yet" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Messages" })).toBeInTheDocument();
    expect(await screen.findByText("No messages here.")).toBeInTheDocument();
  });

  it("is not offered to editors", async () => {
    const editors = { ...shop, role: "editor" };
    api({ [`GET ${base}`]: editors, "GET /api/tenants": { items: [editors], next_cursor: null } });
    renderRoutes(routes, "/t/x-shop/settings");
    expect(await screen.findByRole("tab", { name: "Members" })).toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: "Integrations" })).not.toBeInTheDocument();
  });

  it("creates an API key with the password as proof and shows it once", async () => {
    let keys: ApiKey[] = [];
    const fetchMock = api({
      [`GET ${base}/api-keys`]: () => jsonResponse(200, { items: keys, next_cursor: null }),
      [`POST ${base}/api-keys`]: () => {
        keys = [zapier];
        return jsonResponse(201, { ...zapier, secret: "loom_ab12_secretpart" });
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-shop/settings/integrations");
    await u.click(await screen.findByRole("button", { name: "Create API key" }));
    const dialog = await screen.findByRole("dialog", { name: "Create an API key" });
    const create = within(dialog).getByRole("button", { name: "Create key" });
    expect(create).toBeDisabled();
    await u.type(within(dialog).getByRole("textbox", { name: "Name" }), "Zapier");
    await u.click(within(dialog).getByRole("radio", { name: /Viewer/ }));
    await u.type(within(dialog).getByLabelText("Your password"), "secret words");
    await u.click(create);

    const shown = await screen.findByRole("dialog", { name: "Your new API key" });
    expect(within(shown).getByRole("textbox", { name: "API key" })).toHaveTextContent("loom_ab12_secretpart");
    expect(shown).toHaveTextContent("you will not see it again");
    expect(callsTo(fetchMock, "POST", `${base}/api-keys`)[0].body).toEqual({
      name: "Zapier",
      role: "viewer",
      expires_at: null,
      password: "secret words",
    });
    await u.click(within(shown).getByRole("button", { name: "I have copied it" }));
    const row = within(await screen.findByRole("table", { name: "API keys" })).getByRole("row", { name: /Zapier/ });
    expect(row).toHaveTextContent("Active");
    expect(row).toHaveTextContent("ada@loom.test");
  });

  it("revokes a key after a confirmation that starts on Cancel", async () => {
    const fetchMock = api({
      [`GET ${base}/api-keys`]: { items: [zapier], next_cursor: null },
      [`DELETE ${base}/api-keys/k1`]: () => new Response(null, { status: 204 }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-shop/settings/integrations");
    await u.click(await screen.findByRole("button", { name: "Revoke Zapier" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke Zapier?" });
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("Zapier is revoked")).toBeInTheDocument();
    expect(callsTo(fetchMock, "DELETE", `${base}/api-keys/k1`)).toHaveLength(1);
  });

  it("adds a hook with grouped events and filters, then shows its secret once", async () => {
    const fetchMock = api({
      [`POST ${base}/hooks/endpoints`]: () => jsonResponse(201, { ...hook, secret: "whsec_abc" }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-shop/settings/integrations/hooks/new");
    const url = await screen.findByRole("textbox", { name: "Address (URL)" });
    await u.clear(url);
    await u.type(url, "https://example.com/loom");
    expect(await screen.findByRole("group", { name: "Records" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Members" })).toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: "Test event" })).not.toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "A record was created" })).toBeChecked();
    await u.click(screen.getByRole("checkbox", { name: "A record was changed" }));
    await u.click(screen.getByRole("combobox", { name: "Blueprints" }));
    await u.click(await screen.findByRole("option", { name: "Stock item" }));
    await u.click(screen.getByRole("combobox", { name: "Only when one of these columns changed" }));
    await u.click(await screen.findByRole("option", { name: "Qty" }));
    await u.click(screen.getByRole("button", { name: "Add a header" }));
    await u.type(screen.getByRole("textbox", { name: "Header name" }), "Authorization");
    await u.type(screen.getByRole("textbox", { name: "Header value" }), "Bearer 123");
    await u.click(screen.getByRole("button", { name: "Add hook" }));

    const shown = await screen.findByRole("dialog", { name: "Your hook is ready" });
    expect(within(shown).getByRole("textbox", { name: "Signing secret" })).toHaveTextContent("whsec_abc");
    expect(callsTo(fetchMock, "POST", `${base}/hooks/endpoints`)[0].body).toEqual({
      url: "https://example.com/loom",
      description: null,
      event_types: ["record.created", "record.updated"],
      blueprints: ["stock_item"],
      fields: ["qty"],
      headers: { Authorization: "Bearer 123" },
    });
    await u.click(within(shown).getByRole("button", { name: "I have copied it" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/t/x-shop/settings/integrations/hooks/${hookId}`));
  });

  it("asks for an event before saving a hook", async () => {
    const fetchMock = api();
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-shop/settings/integrations/hooks/new");
    await u.click(await screen.findByRole("checkbox", { name: "A record was created" }));
    await u.click(screen.getByRole("button", { name: "Add hook" }));
    expect(await screen.findByText("Pick at least one event")).toBeInTheDocument();
    expect(screen.getByText("Enter the address, starting with https://")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${base}/hooks/endpoints`)).toHaveLength(0);
  });
});

describe("a hook's page", () => {
  const page = `/t/x-shop/settings/integrations/hooks/${hookId}`;

  it("shows its health and the deliveries with their retries and attempts", async () => {
    const fetchMock = api({
      [`GET ${base}/hooks/attempts`]: {
        items: [
          { id: "a2", delivery_id: "d1", endpoint_id: hookId, number: 2, attempted_at: "2025-07-03T10:00:00Z", duration_ms: 1234, status_code: 500, response_body: "boom", error: null, succeeded: false },
        ],
        next_cursor: null,
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, page);
    expect(await screen.findByRole("heading", { name: "https://example.com/loom" })).toBeInTheDocument();
    expect(screen.getByText("Failing")).toBeInTheDocument();
    expect(screen.getByText(/2 failed attempts in a row/)).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Deliveries" });
    const row = within(table).getAllByRole("row")[1];
    expect(row).toHaveTextContent("A record was created");
    expect(row).toHaveTextContent("Waiting");
    expect(row).toHaveTextContent("Next try Jul 3, 2025, 12:05:00 PM");
    expect(row).toHaveTextContent("500 · The receiver answered 500.");
    await u.click(within(row).getByRole("button", { name: "Show attempts" }));
    const attempts = await screen.findByRole("table", { name: "Attempts of this delivery" });
    expect(attempts).toHaveTextContent("1,234 ms");
    expect(attempts).toHaveTextContent("boom");
    expect(callsTo(fetchMock, "GET", `${base}/hooks/attempts`)[0].url.searchParams.get("delivery_id")).toBe("d1");

    await u.click(screen.getByRole("combobox", { name: "Status" }));
    await u.click(await screen.findByRole("option", { name: "Failed" }));
    await waitFor(() => expect(callsTo(fetchMock, "GET", `${base}/hooks/deliveries`).some((call) => call.url.searchParams.get("status") === "failed")).toBe(true));
    expect(callsTo(fetchMock, "GET", `${base}/hooks/deliveries`)[0].url.searchParams.get("endpoint_id")).toBe(hookId);
  });

  it("replays one delivery, replays failed ones since a time, and sends a test event", async () => {
    const fetchMock = api({
      [`POST ${base}/hooks/messages/m1/replay`]: () => jsonResponse(202, { replayed: 1, more: false }),
      [`POST ${base}/hooks/replay`]: () => jsonResponse(202, { replayed: 3, more: false }),
      [`POST ${base}/hooks/endpoints/${hookId}/test`]: () => jsonResponse(202, { message_id: "m9", webhook_id: "msg_m9" }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, page);
    await u.click(await screen.findByRole("button", { name: /^Replay the A record was created delivery/ }));
    expect(await screen.findByText("Sending it again now")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${base}/hooks/messages/m1/replay`)[0].body).toEqual({ endpoint_id: hookId });

    await u.click(screen.getByRole("button", { name: "Replay failed since…" }));
    const dialog = await screen.findByRole("dialog", { name: "Replay failed deliveries" });
    const since = within(dialog).getByLabelText("Failed since");
    await u.clear(since);
    await u.type(since, "2025-07-03T08:00");
    await u.click(within(dialog).getByRole("button", { name: "Replay" }));
    expect(await screen.findByText("3 deliveries are sent again")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${base}/hooks/replay`)[0].body).toEqual({ endpoint_id: hookId, since: "2025-07-03T08:00:00+02:00" });

    await u.click(screen.getByRole("button", { name: "Send test event" }));
    expect(await screen.findByText(/Test event sent/)).toBeInTheDocument();
  });

  it("turns off, rotates the secret and deletes after confirmation", async () => {
    const fetchMock = api({
      [`PATCH ${base}/hooks/endpoints/${hookId}`]: ({ body }) => jsonResponse(200, { ...hook, ...(body as object) }),
      [`POST ${base}/hooks/endpoints/${hookId}/rotate-secret`]: () => jsonResponse(200, { secret: "whsec_new", previous_secret_until: "2025-07-04T10:00:00Z" }),
      [`DELETE ${base}/hooks/endpoints/${hookId}`]: () => new Response(null, { status: 204 }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, page);
    await u.click(await screen.findByRole("button", { name: "Turn off" }));
    expect(await screen.findByText(/The hook is off/)).toBeInTheDocument();
    expect(callsTo(fetchMock, "PATCH", `${base}/hooks/endpoints/${hookId}`)[0].body).toEqual({ enabled: false });

    await u.click(screen.getByRole("button", { name: "New signing secret" }));
    await u.click(within(await screen.findByRole("dialog", { name: "Create a new signing secret?" })).getByRole("button", { name: "Create new secret" }));
    const shown = await screen.findByRole("dialog", { name: "Your new signing secret" });
    expect(within(shown).getByRole("textbox", { name: "Signing secret" })).toHaveTextContent("whsec_new");
    expect(shown).toHaveTextContent("The old secret also signs calls until Jul 4, 2025, 12:00 PM.");
    await u.click(within(shown).getByRole("button", { name: "I have copied it" }));

    await u.click(screen.getByRole("button", { name: "Delete" }));
    const confirm = await screen.findByRole("dialog", { name: "Delete this hook?" });
    await waitFor(() => expect(within(confirm).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(confirm).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/x-shop/settings/integrations"));
    expect(callsTo(fetchMock, "DELETE", `${base}/hooks/endpoints/${hookId}`)).toHaveLength(1);
  });
});
