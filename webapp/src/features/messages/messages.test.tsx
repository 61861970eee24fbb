import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { FlowMessage, InboundHook } from "../../api/messages";
import { callsTo, mockApi } from "../../test/api";
import { signIn, tenant as makeTenant } from "../../test/fixtures";
import { jsonResponse, renderPage } from "../../test/render";
import { AllMessagesSection } from "./AllMessagesSection";
import { FlowMessagesSection } from "./FlowMessagesSection";

const base = "/api/tenants/x-shop";
const hookPath = `${base}/flows/payment/inbound-hook`;
const hook: InboundHook = {
  url: "https://loom.test/api/hooks/inbound/tok3n",
  message_name: "payment received",
  correlation: { order_id: "order.id" },
  values: null,
  created_at: "2026-12-01T08:00:00Z",
  rotated_at: null,
};
const kept: FlowMessage = {
  id: "m1",
  kind: "message",
  name: "payment received",
  correlation: { order_id: "A-17" },
  values: { amount: 12.5 },
  source: "hook:payment",
  status: "unmatched",
  matched: [],
  error: null,
  created_at: "2026-12-01T09:00:00Z",
  expires_at: "2026-12-08T09:00:00Z",
  delivered_at: null,
};
const empty = { items: [], next_cursor: null };

function show(role = "owner") {
  return renderPage(<FlowMessagesSection slug="x-shop" flowKey="payment" role={role} timeZone="Europe/Berlin" />);
}

beforeEach(() => signIn());

describe("Inbound hook panel", () => {
  it("creates a hook and shows its secret once", async () => {
    let current: InboundHook | null = null;
    const fetchMock = mockApi({
      [`GET ${hookPath}`]: () => (current ? jsonResponse(200, current) : jsonResponse(404, { title: "Not found", status: 404 })),
      [`POST ${hookPath}`]: () => {
        current = hook;
        return jsonResponse(201, { ...hook, secret: "whsec_c2VjcmV0" });
      },
      [`GET ${base}/messages`]: empty,
    });
    const u = userEvent.setup();
    show();
    expect(await screen.findByText("This flow has no inbound hook yet.")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Create inbound hook" }));
    expect(await screen.findByText("Enter the message's name")).toBeInTheDocument();

    await u.type(screen.getByRole("textbox", { name: /Message name/ }), "payment received");
    await u.click(screen.getByRole("button", { name: "Add a field" }));
    await u.type(screen.getByRole("textbox", { name: "Record field" }), "order_id");
    await u.type(screen.getByRole("textbox", { name: "Place in the request" }), "order.id");
    await u.click(screen.getByRole("button", { name: "Create inbound hook" }));

    const dialog = await screen.findByRole("dialog", { name: "Signing secret" });
    expect(within(dialog).getByRole("textbox", { name: "Signing secret" })).toHaveTextContent("whsec_c2VjcmV0");
    expect(callsTo(fetchMock, "POST", hookPath)[0]!.body).toEqual({ message_name: "payment received", correlation: { order_id: "order.id" }, values: null });
    await u.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByText("whsec_c2VjcmV0")).not.toBeInTheDocument());
    expect(screen.getByText(hook.url)).toBeInTheDocument();
    expect(screen.getByText("It reaches the record where order_id is the request's order.id.")).toBeInTheDocument();
  });

  it("asks before a new secret or deleting, with Cancel focused", async () => {
    const fetchMock = mockApi({
      [`GET ${hookPath}`]: hook,
      [`POST ${hookPath}/rotate-secret`]: { secret: "whsec_bmV3" },
      [`DELETE ${hookPath}`]: () => new Response(null, { status: 204 }),
      [`GET ${base}/messages`]: empty,
    });
    const u = userEvent.setup();
    show();
    await u.click(await screen.findByRole("button", { name: "New secret" }));
    let dialog = await screen.findByRole("dialog", { name: "Make a new signing secret?" });
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(dialog).getByRole("button", { name: "Make a new secret" }));
    dialog = await screen.findByRole("dialog", { name: "Signing secret" });
    expect(within(dialog).getByRole("textbox", { name: "Signing secret" })).toHaveTextContent("whsec_bmV3");
    await u.click(within(dialog).getByRole("button", { name: "Done" }));

    await u.click(screen.getByRole("button", { name: "Delete inbound hook" }));
    dialog = await screen.findByRole("dialog", { name: "Delete the inbound hook?" });
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(callsTo(fetchMock, "DELETE", hookPath)).toHaveLength(0);
    await u.click(screen.getByRole("button", { name: "Delete inbound hook" }));
    await u.click(within(await screen.findByRole("dialog", { name: "Delete the inbound hook?" })).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText("This flow has no inbound hook yet.")).toBeInTheDocument();
    expect(callsTo(fetchMock, "DELETE", hookPath)).toHaveLength(1);
  });

  it("is not shown to editors and viewers", async () => {
    const fetchMock = mockApi({});
    show("editor");
    expect(screen.queryByText("Inbound hook")).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe("Messages waiting", () => {
  it("says in plain words when none wait", async () => {
    mockApi({ [`GET ${hookPath}`]: hook, [`GET ${base}/messages`]: empty });
    show();
    expect(await screen.findByText(/No messages are waiting/)).toBeInTheDocument();
  });

  it("lists the kept messages with their values, source and times", async () => {
    const fetchMock = mockApi({ [`GET ${hookPath}`]: hook, [`GET ${base}/messages`]: { items: [kept], next_cursor: null } });
    show();
    const table = await screen.findByRole("table", { name: "Messages waiting" });
    const row = within(table).getAllByRole("row")[1]!;
    expect(row).toHaveTextContent("payment received");
    expect(row).toHaveTextContent("order_id: A-17, amount: 12.5");
    expect(row).toHaveTextContent("Inbound hook");
    const query = callsTo(fetchMock, "GET", `${base}/messages`)[0]!.url.searchParams;
    expect(query.get("status")).toBe("unmatched");
    expect(query.get("flow")).toBe("payment"); // only what this flow could take
  });
});

describe("Changing an inbound hook", () => {
  it("edits the message name and mappings, showing the names the flow waits for when refused", async () => {
    let current: InboundHook = hook;
    const bodies: unknown[] = [];
    mockApi({
      [`GET ${hookPath}`]: () => jsonResponse(200, current),
      [`PATCH ${hookPath}`]: ({ body }) => {
        const input = body as InboundHook;
        bodies.push(input);
        if (input.message_name !== "payment received") {
          const reason = 'Nothing in the published flow Payment waits for a message named "paid". It waits for: "payment received".';
          return jsonResponse(422, { title: "Invalid input", status: 422, errors: { message_name: [reason] }, names: ["payment received"] });
        }
        current = { ...hook, ...input };
        return jsonResponse(200, current);
      },
      [`GET ${base}/messages`]: empty,
    });
    const u = userEvent.setup();
    show();
    await u.click(await screen.findByRole("button", { name: "Change settings" }));
    const name = screen.getByRole("textbox", { name: /Message name/ });
    expect(name).toHaveValue("payment received");
    expect(screen.getByRole("textbox", { name: "Place in the request" })).toHaveValue("order.id");
    await u.clear(name);
    await u.type(name, "paid");
    await u.click(screen.getByRole("checkbox", { name: /Carry every member/ }));
    const values = screen.getByRole("group", { name: "Values it carries" });
    await u.click(within(values).getByRole("button", { name: "Add a value" }));
    await u.type(within(values).getByRole("textbox", { name: "Record field" }), "amount");
    await u.type(within(values).getByRole("textbox", { name: "Place in the request" }), "payment.total");
    await u.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText(/It waits for: "payment received"/)).toBeInTheDocument();
    expect(bodies[0]).toEqual({ message_name: "paid", correlation: { order_id: "order.id" }, values: { amount: "payment.total" } });

    await u.clear(name);
    await u.type(name, "payment received");
    await u.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("It carries amount is the request's payment.total.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save settings" })).not.toBeInTheDocument();
  });
});

describe("All messages", () => {
  it("lists every message of the workspace with what became of it, by status", async () => {
    const delivered: FlowMessage = { ...kept, id: "m2", name: "order placed", status: "delivered", source: "api" };
    const fetchMock = mockApi({ [`GET ${base}/messages`]: { items: [delivered, kept], next_cursor: null } });
    const u = userEvent.setup();
    renderPage(<AllMessagesSection tenant={makeTenant({ slug: "x-shop" })} />);
    const table = await screen.findByRole("table", { name: "Messages" });
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("order placed");
    expect(rows[1]).toHaveTextContent("Delivered");
    expect(rows[2]).toHaveTextContent("Waiting for a record");
    const first = callsTo(fetchMock, "GET", `${base}/messages`)[0]!.url.searchParams;
    expect(first.get("status")).toBeNull();
    expect(first.get("flow")).toBeNull();
    await u.click(screen.getByRole("combobox", { name: "Show" }));
    await u.click(await screen.findByRole("option", { name: "Being delivered" }));
    await waitFor(() => expect(callsTo(fetchMock, "GET", `${base}/messages`).at(-1)!.url.searchParams.get("status")).toBe("pending"));
  });
});
