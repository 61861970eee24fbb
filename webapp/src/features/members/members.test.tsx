import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Invitation, Member } from "../../api/members";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { signIn, tenant } from "../../test/fixtures";
import { jsonResponse, renderRoutes } from "../../test/render";

const base = "/api/tenants/x-team";
const ada: Member = { user_id: 1, email: "ada@loom.test", role: "owner", joined_at: "2025-07-01T08:00:00Z", you: true };
const bob: Member = { user_id: 2, email: "bob@loom.test", role: "editor", joined_at: "2025-07-02T08:00:00Z", you: false };
const cy: Member = { user_id: 3, email: "cy@loom.test", role: "owner", joined_at: "2025-07-03T08:00:00Z", you: false };
const pending: Invitation = {
  id: "inv-1",
  email: "dee@loom.test",
  role: "viewer",
  created_at: "2025-07-04T08:00:00Z",
  expires_at: "2025-07-11T08:00:00Z",
};

function api(role: string, members: Member[], overrides: Record<string, Handler | object> = {}) {
  const team = tenant({ name: "X Team", slug: "x-team", role, timezone: "Europe/Berlin" });
  return mockApi({
    [`GET ${base}`]: team,
    "GET /api/tenants": { items: [team], next_cursor: null },
    [`GET ${base}/members`]: { items: members },
    [`GET ${base}/invitations`]: { items: [pending] },
    ...overrides,
  });
}

const row = async (email: string) => (await screen.findByText(email)).closest("tr") as HTMLElement;

beforeEach(() => signIn());

describe("the members page", () => {
  it("lists members and lets an owner change a role", async () => {
    const fetchMock = api("owner", [ada, bob], {
      [`PATCH ${base}/members/2`]: ({ body }) => jsonResponse(200, { ...bob, ...(body as object) }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-team/settings/members");
    expect(await screen.findByRole("tab", { name: "Members", selected: true })).toBeInTheDocument();
    expect(within(await row("ada@loom.test")).getByText("you")).toBeInTheDocument();
    await u.click(screen.getByRole("combobox", { name: "Role of bob@loom.test" }));
    await u.click(await screen.findByRole("option", { name: "Admin" }));
    expect(await screen.findByText("bob@loom.test is now Admin")).toBeInTheDocument();
    expect(callsTo(fetchMock, "PATCH", `${base}/members/2`)[0].body).toEqual({ role: "admin" });
  });

  it("invites by email with a role, and the pending invitation can be withdrawn", async () => {
    let invitations: Invitation[] = [];
    const fetchMock = api("owner", [ada], {
      [`GET ${base}/invitations`]: () => jsonResponse(200, { items: invitations }),
      [`POST ${base}/invitations`]: ({ body }) => {
        invitations = [{ ...pending, ...(body as object) }];
        return jsonResponse(201, invitations[0]);
      },
      [`DELETE ${base}/invitations/inv-1`]: () => {
        invitations = [];
        return new Response(null, { status: 204 });
      },
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-team/settings/members");
    expect(await screen.findByText("No invitations waiting for an answer.")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Invite someone" }));
    await u.type(screen.getByRole("textbox", { name: "Email address" }), "not-an-email");
    await u.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(callsTo(fetchMock, "POST", `${base}/invitations`)).toHaveLength(0);
    await u.clear(screen.getByRole("textbox", { name: "Email address" }));
    await u.type(screen.getByRole("textbox", { name: "Email address" }), "dee@loom.test");
    await u.click(screen.getByRole("combobox", { name: "Role" }));
    await u.click(await screen.findByRole("option", { name: /^Viewer/ }));
    await u.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByText("Invitation sent to dee@loom.test")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", `${base}/invitations`)[0].body).toEqual({ email: "dee@loom.test", role: "viewer" });
    expect(await screen.findByText("dee@loom.test · Viewer")).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Withdraw dee@loom.test" }));
    const dialog = await screen.findByRole("dialog", { name: "Withdraw the invitation to dee@loom.test?" });
    await u.click(within(dialog).getByRole("button", { name: "Withdraw" }));
    expect(await screen.findByText("The invitation to dee@loom.test was withdrawn")).toBeInTheDocument();
    expect(await screen.findByText("No invitations waiting for an answer.")).toBeInTheDocument();
  });

  it("asks before removing someone, and shows why the server refused", async () => {
    api("owner", [ada, cy], {
      [`DELETE ${base}/members/3`]: () =>
        jsonResponse(409, { title: "Conflict", status: 409, detail: "A workspace keeps at least one owner." }),
    });
    const u = userEvent.setup();
    renderRoutes(routes, "/t/x-team/settings/members");
    await u.click(within(await row("cy@loom.test")).getByRole("button", { name: "Remove cy@loom.test" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove cy@loom.test?" });
    await u.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(await within(dialog).findByText("A workspace keeps at least one owner.")).toBeInTheDocument();
  });

  it("lets anyone leave, then shows their workspaces", async () => {
    const fetchMock = api("viewer", [{ ...ada, role: "viewer" }, cy], {
      [`DELETE ${base}/members/1`]: () => new Response(null, { status: 204 }),
    });
    const u = userEvent.setup();
    const { router } = renderRoutes(routes, "/t/x-team/settings/members");
    await u.click(within(await row("ada@loom.test")).getByRole("button", { name: "Leave" }));
    const dialog = await screen.findByRole("dialog", { name: "Leave X Team?" });
    await u.click(within(dialog).getByRole("button", { name: "Leave" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(await screen.findByText("You left X Team")).toBeInTheDocument();
    expect(callsTo(fetchMock, "DELETE", `${base}/members/1`)).toHaveLength(1);
  });

  it("shows viewers the members without anything they cannot do", async () => {
    const fetchMock = api("viewer", [{ ...ada, role: "viewer" }, bob, cy]);
    renderRoutes(routes, "/t/x-team/settings/members");
    expect(await screen.findByText("cy@loom.test")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Invite someone" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: /^Role of/ })).not.toBeInTheDocument();
    expect(within(await row("bob@loom.test")).getByText("Editor")).toBeInTheDocument();
    expect(screen.queryByText("Pending invitations")).not.toBeInTheDocument();
    expect(callsTo(fetchMock, "GET", `${base}/invitations`)).toHaveLength(0);
    // Neither the activity log nor the settings form, nor Flows and Trash in the workspace's menu.
    expect(screen.queryByRole("tab", { name: "Activity" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Flows" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Trash" })).not.toBeInTheDocument();
  });

  it("never offers an admin to change or remove an owner, nor to make one", async () => {
    const u = userEvent.setup();
    api("admin", [{ ...ada, role: "admin" }, bob, cy]);
    renderRoutes(routes, "/t/x-team/settings/members");
    expect(within(await row("cy@loom.test")).queryByRole("button")).not.toBeInTheDocument();
    expect(within(await row("cy@loom.test")).getByText("Owner")).toBeInTheDocument();
    await u.click(screen.getByRole("combobox", { name: "Role of bob@loom.test" }));
    const options = (await screen.findAllByRole("option")).map((option) => option.textContent);
    expect(options).toEqual(["Admin", "Editor", "Viewer"]);
  });
});

describe("the general settings", () => {
  it("show the values, read-only, to members who cannot change them", async () => {
    api("editor", [ada]);
    renderRoutes(routes, "/t/x-team/settings");
    expect(await screen.findByText("Only owners and admins can change these settings.")).toBeInTheDocument();
    expect(screen.getByText("Name").nextSibling).toHaveTextContent("X Team");
    expect(screen.queryByRole("button", { name: "Save changes" })).not.toBeInTheDocument();
  });
});
