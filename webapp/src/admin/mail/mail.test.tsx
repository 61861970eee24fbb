import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setSession } from "../../api/client";
import type { User } from "../../api/types";
import { routes } from "../../app/router";
import { callsTo, mockApi } from "../../test/api";
import { jsonResponse, renderRoutes } from "../../test/render";
import type { AdminMail } from "./api";

// The back office is loaded on demand; load it once up front (see hooks.test.tsx).
beforeAll(async () => {
  await import("../AdminApp");
}, 60_000);

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const root: User = { id: 1, email: "admin@loom.test", confirmed_at: "2026-11-20T00:00:00Z", created_at: "2026-11-20T00:00:00Z", admin: true };
const hardened = { "GET /api/admin/status": { email: root.email, next_step: null } };
const empty = { items: [], next_cursor: null };

const dead: AdminMail = {
  id: "m1",
  status: "failed",
  tenant: "acme",
  recipient: "ada@example.com",
  subject: "You are invited to Acme",
  template: "invitation",
  attempts: 9,
  last_error: "550 5.1.1 The email account that you tried to reach does not exist.",
  created_at: "2026-11-23T07:00:00Z",
  last_attempt_at: "2026-11-24T10:00:00Z",
  next_attempt_at: null,
  finished_at: "2026-11-24T10:00:00Z",
};
const reset: AdminMail = { ...dead, id: "m2", tenant: null, recipient: "bob@example.com", subject: "Reset your password", template: "reset", attempts: 1, last_error: "Refused for good." };

beforeEach(() => setSession({ user: root, access_token: "tok", access_expires_at: later(), refresh_expires_at: later() }));

describe("the back office's mail", () => {
  it("lists undelivered mail from the navigation, with every column and the error in full", async () => {
    const api = mockApi({ ...hardened, "GET /api/admin/users": empty, "GET /api/admin/mail": { items: [dead, reset], next_cursor: null } });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/users");
    await u.click(await screen.findByRole("link", { name: "Mail" }));
    expect(screen.getByRole("link", { name: "Mail" })).toHaveAttribute("aria-current", "page");

    const table = await screen.findByRole("table", { name: "Undelivered" });
    for (const header of ["Queued", "Given up", "Workspace", "Recipient", "Subject", "Attempts", "Last error"]) {
      expect(within(table).getByRole("columnheader", { name: header })).toBeInTheDocument();
    }
    expect(within(table).getByRole("link", { name: "acme" })).toHaveAttribute("href", "/admin/tenants/acme");
    expect(within(table).getByText("No workspace")).toBeInTheDocument();
    expect(within(table).getByText("ada@example.com")).toBeInTheDocument();
    expect(within(table).getByText("You are invited to Acme")).toBeInTheDocument();
    expect(within(table).getByText(dead.last_error!)).toBeInTheDocument();
    expect(within(table).getByRole("button", { name: "Send again to bob@example.com: Reset your password" })).toBeInTheDocument();
    const sent = callsTo(api, "GET", "/api/admin/mail")[0].url.searchParams;
    expect([sent.get("status"), sent.get("tenant")]).toEqual(["failed", null]);
  });

  it("says when nothing is undelivered, and switches to what waits for a retry in the address", async () => {
    const waiting: AdminMail = { ...dead, id: "m3", status: "pending", attempts: 2, next_attempt_at: "2026-11-24T11:00:00Z", finished_at: null };
    const api = mockApi({
      ...hardened,
      "GET /api/admin/mail": ({ url }) => jsonResponse(200, url.searchParams.get("status") === "pending" ? { items: [waiting], next_cursor: null } : empty),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/admin/mail");
    expect(await screen.findByRole("heading", { name: "No undelivered mail" })).toBeInTheDocument();
    expect(screen.getByText(/Mail that cannot be delivered for over a day shows up here/)).toBeInTheDocument();

    await u.click(screen.getByRole("radio", { name: "Waiting for retry" }));
    await waitFor(() => expect(router.state.location.search).toBe("?status=pending"));
    const table = await screen.findByRole("table", { name: "Waiting for retry" });
    expect(within(table).getByRole("columnheader", { name: "Next attempt" })).toBeInTheDocument();
    expect(within(table).queryByRole("button", { name: /Send again/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Send all again…" })).not.toBeInTheDocument();
    expect(callsTo(api, "GET", "/api/admin/mail").at(-1)!.url.searchParams.get("status")).toBe("pending");

    await u.click(screen.getByRole("radio", { name: "Undelivered" }));
    await waitFor(() => expect(router.state.location.search).toBe(""));
    expect(await screen.findByRole("heading", { name: "No undelivered mail" })).toBeInTheDocument();
  });

  it("sends one mail again, and the row leaves the list once it is read again", async () => {
    let items = [dead, reset];
    const api = mockApi({
      ...hardened,
      "GET /api/admin/mail": () => jsonResponse(200, { items, next_cursor: null }),
      "POST /api/admin/mail/m1/send-again": () => {
        items = [reset];
        return jsonResponse(200, { ...dead, status: "pending" });
      },
      "POST /api/admin/mail/m2/send-again": () =>
        jsonResponse(409, { title: "Conflict", status: 409, detail: "Only a message that failed can be sent again; this one is pending." }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/mail");
    await u.click(await screen.findByRole("button", { name: "Send again to ada@example.com: You are invited to Acme" }));
    expect(await screen.findByText("The mail to ada@example.com is being sent again.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText("You are invited to Acme")).not.toBeInTheDocument());
    expect(callsTo(api, "POST", "/api/admin/mail/m1/send-again")).toHaveLength(1);
    expect(callsTo(api, "GET", "/api/admin/mail").length).toBeGreaterThanOrEqual(2);

    await u.click(screen.getByRole("button", { name: "Send again to bob@example.com: Reset your password" }));
    expect(await screen.findByText("This mail was already sent again.")).toBeInTheDocument();
  });

  it("sends all again since a time after asking, calling again while there is more, and tells the total", async () => {
    let release: () => void = () => {};
    const answers = [
      { sent_again: 100, more: true },
      { sent_again: 100, more: true },
      { sent_again: 7, more: false },
    ];
    const api = mockApi({
      ...hardened,
      "GET /api/admin/mail": { items: [dead], next_cursor: null },
      "POST /api/admin/mail/send-again": async () => {
        const calls = callsTo(api, "POST", "/api/admin/mail/send-again").length;
        if (calls === 2) await new Promise<void>((resolve) => (release = resolve));
        return jsonResponse(200, answers[calls - 1]);
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/mail?tenant=acme");
    await u.click(await screen.findByRole("button", { name: "Send all again…" }));
    const dialog = await screen.findByRole("dialog", { name: "Send undelivered mail again?" });
    expect(within(dialog).getByText(/of the workspace acme queued since the time you choose/)).toBeInTheDocument();
    const cancel = within(dialog).getByRole("button", { name: "Cancel" });
    await waitFor(() => expect(cancel).toHaveFocus());
    const since = within(dialog).getByLabelText(/Queued since/) as HTMLInputElement;
    expect(since.value).not.toBe("");
    fireEvent.change(since, { target: { value: "2026-11-20T08:00" } });

    await u.click(within(dialog).getByRole("button", { name: "Send all again" }));
    expect(await within(dialog).findByText("Sent again so far: 100")).toBeInTheDocument();
    expect(cancel).toBeDisabled();
    expect(within(dialog).getByRole("button", { name: "Send all again" })).toBeDisabled();
    release();
    expect(await screen.findByText("207 messages are being sent again.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    const bodies = callsTo(api, "POST", "/api/admin/mail/send-again").map((call) => call.body);
    expect(bodies).toHaveLength(3);
    for (const body of bodies) {
      expect(body.tenant).toBe("acme");
      expect(Date.parse(body.since)).toBe(new Date(2026, 10, 20, 8, 0).getTime());
    }
  });

  it("leaves everything as it was when the question is cancelled", async () => {
    const api = mockApi({ ...hardened, "GET /api/admin/mail": { items: [dead], next_cursor: null } });
    const u = userEvent.setup();
    renderRoutes(routes, "/admin/mail");
    await u.click(await screen.findByRole("button", { name: "Send all again…" }));
    const dialog = await screen.findByRole("dialog", { name: "Send undelivered mail again?" });
    expect(within(dialog).getByText(/of every workspace/)).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus());
    await u.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(callsTo(api, "POST", "/api/admin/mail/send-again")).toHaveLength(0);
  });
});
